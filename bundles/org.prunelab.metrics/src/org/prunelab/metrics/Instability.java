package org.prunelab.metrics;

import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.TaylorSums;

/**
 * CNNPruner's instability, as PruneLab defines it: the coefficient of variation σ/μ of the filter's Taylor
 * importance across mini-batches.
 */
public final class Instability extends TaylorSumsMetric {

    @Override
    protected double[] score(ScoringContext context, String conv, TaylorSums statistic, NoSettings settings) {
        return statistic.instability();
    }
}
