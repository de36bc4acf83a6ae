package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.ChannelSums;

/**
 * APoZ (Hu et al. 2016): {@code 100 · #(activation < 1e-4) / (N·H·W)}; a filter that is mostly zero
 * after the ReLU carries little.
 */
public final class Apoz extends ChannelSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, ChannelSums statistic, NoSettings settings) {
        return statistic.percentNearZero();
    }
}
