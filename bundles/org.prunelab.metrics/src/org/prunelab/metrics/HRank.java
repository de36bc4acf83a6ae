package org.prunelab.metrics;

import org.prunelab.core.contributions.Setting;
import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.FeatureMapRanks;

/**
 * HRank (Lin et al. 2020): the mean rank of the filter's feature maps; low-rank maps carry little
 * information.
 */
public final class HRank extends AbstractImportanceMetric<HRank.Settings, FeatureMapRanks> {

    /**
     * HRank's settings.
     *
     * @param samples the number of images whose maps are ranked (the first ones of the dataset)
     */
    public record Settings(@Setting(label = "Images", unit = "training images",
            help = "The images whose feature maps' ranks are averaged") int samples) {
    }

    @Override
    public Settings defaultSettings() {
        return new Settings(256);
    }

    @Override
    protected FeatureMapRanks statistic(ScoringContext context, String conv, String observed, Settings settings) {
        if (settings.samples() <= 0) {
            throw new IllegalArgumentException("HRank needs a positive number of samples, not " + settings.samples());
        }
        return new FeatureMapRanks(observed, settings.samples());
    }

    @Override
    protected double[] score(ScoringContext context, String conv, FeatureMapRanks statistic, Settings settings) {
        return statistic.meanRank();
    }
}
