package org.prunelab.ui.internal.wizards;

import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonObject;

/**
 * What the prune wizard's first page holds, as plain values: the registries turn it into a request in the
 * job that uses it, so contributed code never runs on the UI thread.
 *
 * @param metric the importance metric's id
 * @param metricSettings its settings as JSON
 * @param strategy the strategy's id
 * @param strategySettings its settings (the goal) as JSON
 * @param minChannels the fewest channels a layer keeps
 * @param probeSamples training images for the probe pass, 0 for all
 * @param fineTune the fine-tuning schedule, or null for none
 */
public record PruneChoice(String metric, JsonObject metricSettings, String strategy, JsonObject strategySettings,
        int minChannels, int probeSamples, TrainingSettings fineTune) {

    /**
     * The request for the pruning service.
     *
     * @param metrics the metric registry
     * @param strategies the strategy registry
     * @return the request
     * @throws IllegalArgumentException if a contribution is not installed or its settings do not parse
     */
    public PruningService.PruneRequest request(MetricRegistry metrics, StrategyRegistry strategies) {
        return new PruningService.PruneRequest(MetricScoring.request(metrics, metric, metricSettings),
                Planning.request(strategies, strategy, strategySettings), minChannels, fineTune, probeSamples);
    }

    /**
     * Whether two choices plan the same: they differ at most in the fine-tuning.
     *
     * @param other another choice, or null
     * @return true if a preview of one is the preview of the other
     */
    public boolean plansLike(PruneChoice other) {
        return other != null && metric.equals(other.metric) && metricSettings.equals(other.metricSettings)
                && strategy.equals(other.strategy) && strategySettings.equals(other.strategySettings)
                && minChannels == other.minChannels && probeSamples == other.probeSamples;
    }
}
