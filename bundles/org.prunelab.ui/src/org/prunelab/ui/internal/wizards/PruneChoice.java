package org.prunelab.ui.internal.wizards;

import java.io.IOException;

import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.ModelVersion;
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
 * @param maxRemoved the largest share of a layer's channels removed, in (0, 1]
 * @param probeSamples training images for the probe pass, 0 for all
 * @param batchNormImages training images the batch norms are re-estimated on after the surgery, 0 for none
 * @param fineTune the fine-tuning schedule, or null for none
 * @param steps 1 to prune once, more to reach the goal in that many pruned and fine-tuned steps
 */
public record PruneChoice(String metric, JsonObject metricSettings, String strategy, JsonObject strategySettings,
        int minChannels, double maxRemoved, int probeSamples, int batchNormImages, TrainingSettings fineTune,
        int steps) {

    /**
     * The request for the pruning service, with the parent's stored layer sensitivity for the metric when
     * the strategy plans with it.
     *
     * @param metrics the metric registry
     * @param strategies the strategy registry
     * @param analyses the analysis registry, where the layer sensitivity is found
     * @param parent the version to prune
     * @param data the project's dataset
     * @return the request; its sensitivity is null if the strategy does not use it or it was never measured
     * @throws IllegalArgumentException if a contribution is not installed or its settings do not parse
     * @throws IOException if the stored sensitivity cannot be read
     */
    public PruningService.PruneRequest request(MetricRegistry metrics, StrategyRegistry strategies,
            AnalysisRegistry analyses, ModelVersion parent, DatasetSpec data) throws IOException {
        MetricScoring.Request scoring = MetricScoring.request(metrics, metric, metricSettings);
        Planning.Request planning = Planning.request(strategies, strategy, strategySettings);
        SensitivityCurves curves = planning.descriptor().usesSensitivity()
                ? LayerSensitivity.stored(analyses, parent, data, scoring.descriptor().id()).orElse(null)
                : null;
        return new PruningService.PruneRequest(scoring, planning, minChannels, fineTune, probeSamples, curves,
                batchNormImages, maxRemoved);
    }

    /**
     * Whether two choices plan (and describe the plan) the same, and leave the same accuracy after pruning:
     * they differ at most in the fine-tuning.
     *
     * @param other another choice, or null
     * @return true if a preview of one is the preview of the other
     */
    public boolean plansLike(PruneChoice other) {
        return other != null && metric.equals(other.metric) && metricSettings.equals(other.metricSettings)
                && strategy.equals(other.strategy) && strategySettings.equals(other.strategySettings)
                && minChannels == other.minChannels && probeSamples == other.probeSamples
                && batchNormImages == other.batchNormImages && steps == other.steps;
    }
}
