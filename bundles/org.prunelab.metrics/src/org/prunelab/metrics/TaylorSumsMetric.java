package org.prunelab.metrics;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.TaylorSums;

/**
 * A metric read from the Taylor sums (activation times gradient) of the activation after the activation
 * function.
 */
abstract class TaylorSumsMetric extends AbstractImportanceMetric<NoSettings, TaylorSums> {

    @Override
    public NoSettings defaultSettings() {
        return new NoSettings();
    }

    @Override
    protected TaylorSums statistic(ScoringContext context, String conv, String observed, NoSettings settings) {
        return new TaylorSums(observed);
    }
}
