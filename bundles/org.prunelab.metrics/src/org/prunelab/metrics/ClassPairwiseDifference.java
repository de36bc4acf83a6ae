package org.prunelab.metrics;

import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ClassMeans;

/**
 * NetPrune's class pairwise difference: {@code CPD_f(A, B) = a_f(A) − a_f(B)}, with {@code a_f(c)} the
 * filter's spatial-mean activation averaged over the samples of class c, after the layer's min-max
 * normalisation. Filters that fire for the baseline class A more than for the compared class B rank first.
 */
public final class ClassPairwiseDifference extends AbstractImportanceMetric<ClassPairwiseDifference.Settings, ClassMeans> {

    /**
     * The class pair.
     *
     * @param baseline class A, by label
     * @param compared class B, by label
     */
    public record Settings(@Setting(label = "Baseline class", unit = "class number, from 0") int baseline,
            @Setting(label = "Compared class", unit = "class number, from 0") int compared) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0, 1);
    }

    @Override
    protected ClassMeans statistic(ScoringContext context, String conv, String observed, Settings settings) {
        int classes = context.classNames().size();
        if (settings.baseline() < 0 || settings.baseline() >= classes || settings.compared() < 0
                || settings.compared() >= classes) {
            throw new IllegalArgumentException("CPD needs two classes among 0.." + (classes - 1) + ", not "
                    + settings.baseline() + " and " + settings.compared());
        }
        return new ClassMeans(observed, classes);
    }

    @Override
    protected double[] score(ScoringContext context, String conv, ClassMeans means, Settings settings) {
        double[][] normalized = means.normalizedMeans();
        double[] a = normalized[settings.baseline()];
        double[] b = normalized[settings.compared()];
        double[] scores = new double[a.length];
        for (int f = 0; f < scores.length; f++) {
            double difference = a[f] - b[f];
            // a class without samples has no mean: its filters show no difference
            scores[f] = Double.isNaN(difference) ? 0 : difference;
        }
        return scores;
    }
}
