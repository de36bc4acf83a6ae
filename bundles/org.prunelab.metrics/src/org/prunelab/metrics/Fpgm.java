package org.prunelab.metrics;

/**
 * FPGM (He et al. 2019): a filter near the geometric median of its layer can be replaced by the others.
 * Score = Σ_j ‖W_f − W_j‖₂, the quantity the geometric median minimises; the smallest go first.
 */
public final class Fpgm extends WeightMetric {

    @Override
    protected double[] score(double[][] filters) {
        int n = filters.length;
        double[] scores = new double[n];
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double squares = 0;
                for (int i = 0; i < filters[a].length; i++) {
                    double d = filters[a][i] - filters[b][i];
                    squares += d * d;
                }
                double distance = Math.sqrt(squares);
                scores[a] += distance;
                scores[b] += distance;
            }
        }
        return scores;
    }
}
