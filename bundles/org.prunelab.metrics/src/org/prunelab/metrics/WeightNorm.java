package org.prunelab.metrics;

/**
 * Norms of each filter's weights (Li et al. 2017): small filters contribute little.
 */
public final class WeightNorm {

    private WeightNorm() {
    }

    /** Σ|w|. */
    public static final class L1 extends WeightMetric {
        @Override
        protected double[] score(double[][] filters) {
            double[] scores = new double[filters.length];
            for (int f = 0; f < filters.length; f++) {
                for (double w : filters[f]) {
                    scores[f] += Math.abs(w);
                }
            }
            return scores;
        }
    }

    /** √Σw². */
    public static final class L2 extends WeightMetric {
        @Override
        protected double[] score(double[][] filters) {
            double[] scores = new double[filters.length];
            for (int f = 0; f < filters.length; f++) {
                for (double w : filters[f]) {
                    scores[f] += w * w;
                }
                scores[f] = Math.sqrt(scores[f]);
            }
            return scores;
        }
    }
}
