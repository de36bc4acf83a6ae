package org.prunelab.core.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.contributions.ContributionRegistry;
import org.prunelab.core.contributions.SettingsJson;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.probe.LayerStatistic;
import org.prunelab.runtime.probe.ProbePass;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.NonFiniteLogitsException;

import com.google.gson.JsonElement;

import ai.djl.ndarray.NDArray;

/**
 * Computes any set of metrics with one probe pass: every metric declares its statistics, the pass fills
 * them all, then each metric scores. Contributed code runs isolated: a metric that throws or returns
 * malformed scores fails the computation with a message naming its plug-in.
 */
public final class MetricScoring {

    /**
     * One metric to compute.
     *
     * @param descriptor the metric
     * @param metric an instance of it, from {@link MetricRegistry#create}
     * @param settings its settings, of the type of its {@code defaultSettings()}
     */
    public record Request(MetricDescriptor descriptor, ImportanceMetric<?> metric, Record settings) {
    }

    private MetricScoring() {
    }

    /**
     * A request with the metric's default settings.
     *
     * @param registry the metric registry
     * @param id the metric's id
     * @return the request
     * @throws IllegalArgumentException if no metric has that id
     */
    public static Request request(MetricRegistry registry, String id) {
        return request(registry, id, null);
    }

    /**
     * A request with settings given as JSON (as saved in a recipe); missing fields keep their defaults.
     *
     * @param registry the metric registry
     * @param id the metric's id
     * @param settings JSON object of settings, or null for the defaults
     * @return the request
     * @throws IllegalArgumentException if no metric has that id or the settings do not parse
     */
    public static Request request(MetricRegistry registry, String id, JsonElement settings) {
        MetricDescriptor descriptor = registry.require(id, "metric");
        ImportanceMetric<?> metric = registry.create(descriptor);
        Record defaults = ContributionRegistry.call(descriptor.contribution(), "has no default settings",
                metric::defaultSettings);
        Record chosen = SettingsJson.merge(defaults, settings, "metric " + id);
        return new Request(descriptor, metric, chosen);
    }

    /**
     * The settings of a request as JSON, for a recipe.
     *
     * @param request the request
     * @return its settings
     */
    public static JsonElement settingsJson(Request request) {
        return SettingsJson.toJson(request.settings());
    }

    /**
     * What {@link #scoreEach} gives: the scores of the metrics that scored and why the others did not.
     *
     * @param scores metric id to its scores, in request order
     * @param failures metric id to the message of its failure (naming its plug-in), in request order
     */
    public record Scored(Map<String, FilterScores> scores, Map<String, String> failures) {
    }

    /**
     * Scores the layers of a context with every requested metric.
     *
     * @param context the model, layers and classes
     * @param dataset the data for the probe pass (skipped if no metric needs statistics)
     * @param normalization applied to the images
     * @param batchSize samples per batch of the pass
     * @param requests the metrics and their settings
     * @param monitor progress and cancellation
     * @return metric id to its scores, in request order
     * @throws ContributionException naming the plug-in of a metric that fails or breaks its contract
     */
    public static Map<String, FilterScores> score(ScoringContext context, Dataset dataset, Normalization normalization,
            int batchSize, List<Request> requests, IProgressMonitor monitor) {
        return score(context, dataset, normalization, batchSize, requests, List.of(), false, monitor).scores();
    }

    /**
     * Scores the layers of a context with every requested metric, each on its own: a metric that fails
     * is reported and the others score. Further statistics are filled by the same pass, so that what a
     * view shows beside the scores costs no second pass over the data.
     *
     * @param context the model, layers and classes
     * @param dataset the data for the probe pass
     * @param normalization applied to the images
     * @param batchSize samples per batch of the pass
     * @param requests the metrics and their settings
     * @param alongside statistics to fill in the same pass; filled in place
     * @param monitor progress and cancellation
     * @return the scores and the failures
     * @throws IllegalArgumentException if the model's parameters or logits are not finite
     */
    public static Scored scoreEach(ScoringContext context, Dataset dataset, Normalization normalization,
            int batchSize, List<Request> requests, List<? extends LayerStatistic> alongside, IProgressMonitor monitor) {
        return score(context, dataset, normalization, batchSize, requests, alongside, true, monitor);
    }

    private static Scored score(ScoringContext context, Dataset dataset, Normalization normalization, int batchSize,
            List<Request> requests, List<? extends LayerStatistic> alongside, boolean isolated,
            IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Scoring filters", 10);
        if (sub.isCanceled()) {
            throw new OperationCanceledException();
        }
        Map<String, String> failures = new LinkedHashMap<>();
        Map<Request, MetricRun> runs = new LinkedHashMap<>();
        List<LayerStatistic> statistics = new ArrayList<>(alongside);
        for (Request request : requests) {
            try {
                MetricRun run = ContributionRegistry.call(request.descriptor().contribution(), "failed to prepare",
                        () -> prepare(request, context));
                List<LayerStatistic> wanted = ContributionRegistry.call(request.descriptor().contribution(),
                        "failed to list its statistics", run::statistics);
                runs.put(request, run);
                statistics.addAll(wanted);
            } catch (ContributionException e) {
                fail(isolated, failures, request, e);
            }
        }
        if (!statistics.isEmpty()) {
            ProbePass.run(context.model(), dataset, normalization, batchSize, statistics, sub.split(9));
        }
        Map<String, FilterScores> results = new LinkedHashMap<>();
        for (Map.Entry<Request, MetricRun> entry : runs.entrySet()) {
            MetricDescriptor descriptor = entry.getKey().descriptor();
            try {
                Map<String, double[]> scores = ContributionRegistry.call(descriptor.contribution(), "failed to score",
                        entry.getValue()::scores);
                try {
                    check(descriptor, context, scores);
                } catch (ContributionException e) {
                    // NaN scores are the metric's fault only if what it was given is finite
                    Optional<String> bad = badInput(context, dataset, normalization, batchSize);
                    if (bad.isPresent()) {
                        throw new IllegalArgumentException(descriptor.contribution().label() + " cannot score "
                                + context.model().network().name() + ": " + bad.get()
                                + "; the model, not the metric, is at fault", e);
                    }
                    throw e;
                }
                results.put(descriptor.id(),
                        new FilterScores(descriptor.id(), descriptor.higherIsMoreImportant(), scores));
            } catch (ContributionException e) {
                fail(isolated, failures, entry.getKey(), e);
            }
        }
        sub.done();
        return new Scored(results, failures);
    }

    private static void fail(boolean isolated, Map<String, String> failures, Request request, ContributionException e) {
        if (!isolated) {
            throw e;
        }
        failures.put(request.descriptor().id(), e.getMessage());
    }

    /**
     * What is wrong with a metric's input, if anything: a parameter that is NaN or infinite, or activations
     * that overflow to non-finite logits on the probe samples. Run only when a metric's scores are not finite.
     */
    private static Optional<String> badInput(ScoringContext context, Dataset dataset, Normalization normalization,
            int batchSize) {
        for (Map.Entry<String, NDArray> parameter : context.model().parameters().entrySet()) {
            try (NDArray nonFinite = parameter.getValue().isInfinite().logicalOr(parameter.getValue().isNaN())) {
                if (nonFinite.any().getBoolean()) {
                    return Optional.of("its parameter '" + parameter.getKey() + "' holds NaN or infinite values");
                }
            }
        }
        if (dataset != null) {
            try {
                ModelTraining.evaluate(context.model(), dataset, normalization, batchSize, new NullProgressMonitor());
            } catch (NonFiniteLogitsException e) {
                return Optional.of(e.getMessage());
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MetricRun prepare(Request request, ScoringContext context) {
        return ((ImportanceMetric) request.metric()).prepare(context, request.settings());
    }

    private static void check(MetricDescriptor descriptor, ScoringContext context, Map<String, double[]> scores) {
        for (String layer : context.layers()) {
            double[] values = scores == null ? null : scores.get(layer);
            if (values == null) {
                throw new ContributionException(descriptor.contribution().label() + " returned no scores for layer '"
                        + layer + "'", null);
            }
            if (values.length != context.filters(layer)) {
                throw new ContributionException(descriptor.contribution().label() + " returned " + values.length
                        + " scores for layer '" + layer + "', which has " + context.filters(layer) + " filters", null);
            }
            for (int f = 0; f < values.length; f++) {
                if (!Double.isFinite(values[f])) {
                    throw new ContributionException(descriptor.contribution().label() + " scored filter " + f
                            + " of layer '" + layer + "' " + values[f], null);
                }
            }
        }
    }
}
