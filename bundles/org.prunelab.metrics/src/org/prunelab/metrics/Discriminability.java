package org.prunelab.metrics;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ClassMeanMaps;

/**
 * NetPrune's discriminability: the mean over class pairs i &lt; j of ‖M_i^f − M_j^f‖₂, where M_c^f is
 * the filter's mean activation map over the samples of class c, after the layer's activations are min-max
 * normalised. Classes without samples are left out.
 */
public final class Discriminability extends AbstractImportanceMetric<NoSettings, ClassMeanMaps> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected ClassMeanMaps statistic(ScoringContext context, String conv, String observed, NoSettings settings) {
        return new ClassMeanMaps(observed, context.classNames().size());
    }

    @Override
    protected double[] score(ScoringContext context, String conv, ClassMeanMaps maps, NoSettings settings) {
        int filters = (int) maps.mapShape().get(0);
        int classes = context.classNames().size();
        long[] counts = maps.counts();
        double range = maps.max() - maps.min();
        double[] scores = new double[filters];
        for (int f = 0; f < filters; f++) {
            double sum = 0;
            int pairs = 0;
            for (int i = 0; i < classes; i++) {
                if (counts[i] == 0) {
                    continue;
                }
                double[] a = maps.map(i, f);
                for (int j = i + 1; j < classes; j++) {
                    if (counts[j] == 0) {
                        continue;
                    }
                    double[] b = maps.map(j, f);
                    double squares = 0;
                    for (int p = 0; p < a.length; p++) {
                        double d = a[p] - b[p];
                        squares += d * d;
                    }
                    sum += Math.sqrt(squares);
                    pairs++;
                }
            }
            // min-max normalisation shifts both maps alike and scales their difference by 1 / range
            scores[f] = pairs == 0 || range <= 0 ? 0 : sum / pairs / range;
        }
        return scores;
    }
}
