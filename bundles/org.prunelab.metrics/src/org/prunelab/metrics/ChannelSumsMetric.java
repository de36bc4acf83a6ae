package org.prunelab.metrics;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ChannelSums;

/**
 * A metric read from the per-channel sums of the activation after the activation function.
 */
abstract class ChannelSumsMetric extends AbstractImportanceMetric<NoSettings, ChannelSums> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected ChannelSums statistic(ScoringContext context, String conv, String observed, NoSettings settings) {
        return new ChannelSums(observed);
    }
}
