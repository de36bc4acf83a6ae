package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ChannelSums;

/**
 * NetPrune's L1 of activations: Σ|activation| over samples and positions.
 */
public final class ActivationL1 extends ChannelSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, ChannelSums statistic, NoSettings settings) {
        return statistic.absoluteSum();
    }
}
