package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ChannelSums;

/**
 * The mean of the filter's activations over samples and positions.
 */
public final class MeanActivation extends ChannelSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, ChannelSums statistic, NoSettings settings) {
        return statistic.mean();
    }
}
