package org.prunelab.metrics.tests;

import org.prunelab.core.metrics.AbstractImportanceMetric;
import org.prunelab.core.metrics.NoSettings;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.probe.LayerStatistic;

/**
 * Metrics that break the contract, contributed by this fragment's fragment.xml.
 */
public final class BrokenMetrics {

    private BrokenMetrics() {
    }

    /** Throws when it scores. */
    public static final class Throwing extends AbstractImportanceMetric<NoSettings, LayerStatistic> {
        @Override
        public NoSettings defaultSettings() {
            return new NoSettings();
        }

        @Override
        protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, NoSettings settings) {
            throw new IllegalStateException("division by zero in the lab's formula");
        }
    }

    /** Returns one score too few. */
    public static final class ShortScores extends AbstractImportanceMetric<NoSettings, LayerStatistic> {
        @Override
        public NoSettings defaultSettings() {
            return new NoSettings();
        }

        @Override
        protected double[] score(ScoringContext context, String conv, LayerStatistic statistic, NoSettings settings) {
            return new double[context.filters(conv) - 1];
        }
    }
}
