package org.prunelab.metrics;

import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.LayerStatistic;

/**
 * FPGM (He et al. 2019): a filter near the geometric median of its layer can be replaced by the others.
 * Score = Σ_j ‖W_f − W_j‖₂, the quantity the geometric median minimises; the smallest go first.
 */
public final class Fpgm extends WeightMetric {

    @Override
    protected double[] score(double[][] filters) {
        return distanceSums(filters);
    }

    /** Σ_j ‖r_f − r_j‖₂ for every row f. */
    static double[] distanceSums(double[][] rows) {
        int n = rows.length;
        double[] scores = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double squares = 0;
                for (int i = 0; i < rows[a].length; i++) {
                    double d = rows[a][i] - rows[b][i];
                    squares += d * d;
                }
                double distance = Math.sqrt(squares);
                scores[a] += distance;
                scores[b] += distance;
            }
        }
        return scores;
    }

    /**
     * FPGM on magnitudes, as Torch-Pruning computes it: the distances between the filters' |w|^p, so that
     * two filters of opposite signs are alike.
     */
    public static final class OfMagnitudes extends AbstractImportanceMetric<OfMagnitudes.Settings, LayerStatistic> {

        /**
         * The power.
         *
         * @param p the power of |w|, positive
         */
        public record Settings(@Setting(label = "Power", unit = "of |w|", help = "The filters are compared as "
                + "|w|^p; 1 compares magnitudes, 2 squares") double p) {
        }

        @Override
        public Settings defaultSettings() {
            return new Settings(2);
        }

        @Override
        protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, Settings settings) {
            if (!(settings.p() > 0) || Double.isInfinite(settings.p())) {
                throw new IllegalArgumentException("the power p must be positive, not " + settings.p());
            }
            double[][] rows = filters(context, conv);
            for (double[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.pow(Math.abs(row[i]), settings.p());
                }
            }
            return distanceSums(rows);
        }
    }
}
