package org.prunelab.ui.sparklines.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.filters.ClassActivationPass;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Subsets;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * The filter views' computations: reading a version's class activations and scoring a layer with a metric,
 * which the views run through their {@link org.prunelab.ui.ViewJobs}, and pruning a layer to the kept
 * filters, a job of the project's own that outlives the view that started it.
 */
final class FilterJobs {

    /** Test images the activations and the metrics are computed on, spread over the test set. */
    static final int PROBE_SAMPLES = 2000;

    /** The strategy that keeps exactly a selection. */
    static final String KEEP_SELECTION = "org.prunelab.strategies.keepSelection";

    /** NetPrune's class pairwise difference, which the views compute from the activations they hold. */
    static final String CPD = "org.prunelab.metrics.cpd";

    /** The family of the filter views' reading and scoring jobs (not of the pruning, which is the user's). */
    static final Object FAMILY = FilterJobs.class;

    private FilterJobs() {
    }

    /**
     * Reads the class activations of every convolution of a version.
     *
     * @param version the version
     * @param monitor progress and cancellation
     * @return the activations
     * @throws Exception saying what went wrong: no dataset, an unreadable version, no convolution
     */
    static VersionFilters readActivations(ModelVersion version, IProgressMonitor monitor) throws Exception {
        SubMonitor sub = SubMonitor.convert(monitor, "Filter activations of " + name(version), 10);
        Dataset probe = probe(version);
        try (NDManager manager = VersionJob.runtime().newManager();
                NetworkModel model = store(version).load(version, manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, probe.classNames());
            if (context.layers().isEmpty()) {
                throw new IllegalArgumentException(name(version) + " has no convolution to analyse");
            }
            Map<String, ClassActivations> layers = ClassActivationPass.compute(context, probe,
                    dataset(version).normalization(), PruningService.BATCH_SIZE, sub.split(10));
            return new VersionFilters(version, model.network(), probe.classNames(), layers, probe.size());
        }
    }

    /**
     * Scores the filters of one layer with an installed metric (its default settings).
     *
     * @param version the version
     * @param layer a convolution
     * @param metric the metric's id
     * @param monitor progress and cancellation
     * @return the importance of each filter, higher meaning more important
     * @throws Exception saying what went wrong
     */
    static double[] score(ModelVersion version, String layer, String metric, IProgressMonitor monitor)
            throws Exception {
        SubMonitor sub = SubMonitor.convert(monitor, "Scoring " + layer, 10);
        MetricRegistry registry = Services.find(MetricRegistry.class)
                .orElseThrow(() -> new IllegalStateException("no metric registry is running"));
        MetricScoring.Request request = MetricScoring.request(registry, metric);
        Dataset probe = probe(version);
        try (NDManager manager = VersionJob.runtime().newManager();
                NetworkModel model = store(version).load(version, manager)) {
            ScoringContext context = new ScoringContext(model, List.of(layer), probe.classNames());
            Map<String, FilterScores> scores = MetricScoring.score(context, probe, dataset(version).normalization(),
                    PruningService.BATCH_SIZE, List.of(request), sub.split(10));
            return scores.get(metric).importance(layer);
        }
    }

    /**
     * The job that prunes one layer of a version to the kept filters, optionally fine-tunes, and stores the
     * child: a user job of the project (it reports in the Progress view, closing the project cancels it),
     * independent of the view that started it, which may close while it runs.
     *
     * @param version the parent version
     * @param layer the convolution whose filters were selected
     * @param kept the filters to keep, ascending
     * @param metric the metric the filters were ranked by, for the recipe
     * @param metricSettings its settings as JSON, or null for its defaults
     * @param fineTuneEpochs epochs of fine-tuning (Adam, learning rate 1e-3), 0 for none
     * @param done receives the new version, in the job's thread
     * @return the job, not yet scheduled
     */
    static VersionJob pruneToSelection(ModelVersion version, String layer, int[] kept, String metric,
            JsonElement metricSettings, int fineTuneEpochs, Consumer<ModelVersion> done) {
        String title = (fineTuneEpochs > 0 ? "Pruning and fine-tuning " : "Pruning ") + layer + " of " + name(version);
        return VersionJob.create(title, version.projectDirectory(), true, monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, title, 100);
            MetricRegistry metrics = Services.find(MetricRegistry.class)
                    .orElseThrow(() -> new IllegalStateException("no metric registry is running"));
            StrategyRegistry strategies = Services.find(StrategyRegistry.class)
                    .orElseThrow(() -> new IllegalStateException("no strategy registry is running"));
            VersionStore store = store(version);
            try (NDManager manager = VersionJob.runtime().newManager()) {
                ChannelGroup group;
                try (NetworkModel model = store.load(version, manager)) {
                    group = ChannelGroups.of(model.network()).groupOf(layer).orElseThrow(
                            () -> new IllegalArgumentException("the channels of '" + layer + "' cannot be pruned"));
                }
                JsonObject settings = new JsonObject();
                JsonObject byGroup = new JsonObject();
                JsonArray channels = new JsonArray();
                for (int f : kept) {
                    channels.add(f);
                }
                byGroup.add(group.id(), channels);
                settings.add("kept", byGroup);
                PruningService.PruneRequest request = new PruningService.PruneRequest(
                        MetricScoring.request(metrics, metric, metricSettings),
                        Planning.request(strategies, KEEP_SELECTION, settings), 1,
                        fineTuneEpochs > 0 ? TrainingSettings.adam(fineTuneEpochs, 1) : null, 256);
                done.accept(PruningService.prune(store, version, VersionJob.dataset(version.projectDirectory()),
                        request, manager, sub.split(100)));
            }
        });
    }

    private static Dataset probe(ModelVersion version) throws IOException {
        Dataset test = dataset(version).test(version.projectDirectory());
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set of " + version.projectDirectory().getFileName()
                    + " is empty");
        }
        return Subsets.spread(test, PROBE_SAMPLES);
    }

    private static DatasetSpec dataset(ModelVersion version) throws IOException {
        return VersionJob.dataset(version.projectDirectory());
    }

    private static VersionStore store(ModelVersion version) throws IOException {
        return new VersionStore(version.projectDirectory());
    }

    static String name(ModelVersion version) {
        return version.model() + "/" + version.id();
    }
}
