package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.TaylorSums;

/**
 * First-order Taylor importance (Molchanov et al. 2017): {@code |mean over samples and positions of
 * (∂L/∂z)·z|}, the loss change if the filter's output were zeroed, ℓ2-normalised per layer so that
 * layers compare.
 */
public final class Taylor extends TaylorSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, TaylorSums statistic, NoSettings settings) {
        double[] importance = statistic.importance();
        double norm = 0;
        for (double v : importance) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        for (int f = 0; f < importance.length; f++) {
            importance[f] = norm > 0 ? importance[f] / norm : 0;
        }
        return importance;
    }
}
