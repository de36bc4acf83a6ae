package org.prunelab.metrics;

import java.util.SplittableRandom;

import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.LayerStatistic;

/**
 * Uniform random scores in [0, 1): the baseline every criterion has to beat. The same seed gives the same
 * scores for the same layer names.
 */
public final class RandomScore extends AbstractImportanceMetric<RandomScore.Settings, LayerStatistic> {

    /**
     * The seed.
     *
     * @param seed seeds every layer's scores (mixed with the layer's name)
     */
    public record Settings(@Setting(label = "Seed", help = "The same seed gives the same scores") long seed) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(0);
    }

    @Override
    protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, Settings settings) {
        SplittableRandom random = new SplittableRandom(settings.seed() * 31 + conv.hashCode());
        double[] scores = new double[context.filters(conv)];
        for (int f = 0; f < scores.length; f++) {
            scores[f] = random.nextDouble();
        }
        return scores;
    }
}
