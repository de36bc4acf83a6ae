package org.prunelab.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.runtime.probe.LayerStatistic;

/**
 * The usual shape of a metric: at most one statistic per scored layer, observed on the layer's
 * activation (see {@link ScoringContext#observedLayer}), and a score computed layer by layer. Metrics of
 * the weights alone keep the default {@link #statistic}, which asks for nothing.
 *
 * @param <S> the settings record
 * @param <T> the statistic type, {@link LayerStatistic} itself for metrics that need none
 */
public abstract class AbstractImportanceMetric<S extends Record, T extends LayerStatistic>
        implements ImportanceMetric<S> {

    /**
     * The statistic to accumulate for one layer.
     *
     * @param context the scoring context
     * @param conv the scored convolution
     * @param observed the layer whose output to observe for it
     * @param settings the settings
     * @return a fresh statistic, or null if the metric needs only the weights
     */
    protected T statistic(ScoringContext context, String conv, String observed, S settings) {
        return null;
    }

    /**
     * Scores the filters of one layer.
     *
     * @param context the scoring context
     * @param conv the scored convolution
     * @param statistic its filled statistic, or null for weight metrics
     * @param settings the settings
     * @return one score per filter
     */
    protected abstract double[] score(ScoringContext context, String conv, T statistic, S settings);

    @Override
    public MetricRun prepare(ScoringContext context, S settings) {
        Map<String, T> statistics = new LinkedHashMap<>();
        for (String conv : context.layers()) {
            statistics.put(conv, statistic(context, conv, context.observedLayer(conv), settings));
        }
        return new MetricRun() {
            @Override
            public List<LayerStatistic> statistics() {
                List<LayerStatistic> all = new ArrayList<>();
                for (T statistic : statistics.values()) {
                    if (statistic != null) {
                        all.add(statistic);
                    }
                }
                return all;
            }

            @Override
            public Map<String, double[]> scores() {
                Map<String, double[]> scores = new LinkedHashMap<>();
                statistics.forEach((conv, statistic) -> scores.put(conv, score(context, conv, statistic, settings)));
                return scores;
            }
        };
    }
}
