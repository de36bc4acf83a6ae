package org.prunelab.ui.sparklines.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.prunelab.core.filters.ClassActivationPass;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Subsets;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.Services;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDManager;

/**
 * The filter views' computations, each a job with progress and cancel: reading a version's class
 * activations, scoring a layer with a metric, and pruning a layer to the kept filters.
 */
final class FilterJobs {

    /** Test images the activations and the metrics are computed on, spread over the test set. */
    static final int PROBE_SAMPLES = 2000;

    /** The strategy that keeps exactly a selection. */
    static final String KEEP_SELECTION = "org.prunelab.strategies.keepSelection";

    /** NetPrune's class pairwise difference, which the views compute from the activations they hold. */
    static final String CPD = "org.prunelab.metrics.cpd";

    /** The family of the filter views' jobs. */
    static final Object FAMILY = FilterJobs.class;

    private FilterJobs() {
    }

    /**
     * Reads the class activations of every convolution of a version.
     *
     * @param version the version
     * @param done receives them (in the job's thread)
     * @param failed receives a message saying what went wrong
     * @return the scheduled job
     */
    static Job readActivations(ModelVersion version, Consumer<VersionFilters> done, Consumer<String> failed) {
        return schedule("Reading filter activations of " + name(version), false, failed, monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, "Filter activations of " + name(version), 10);
            Dataset probe = probe(version);
            try (NDManager manager = runtime().newManager(); NetworkModel model = store(version).load(version, manager)) {
                ScoringContext context = ScoringContext.allConvolutions(model, probe.classNames());
                if (context.layers().isEmpty()) {
                    throw new IllegalArgumentException(name(version) + " has no convolution to analyse");
                }
                Map<String, ClassActivations> layers = ClassActivationPass.compute(context, probe,
                        dataset(version).normalization(), PruningService.BATCH_SIZE, sub.split(10));
                done.accept(new VersionFilters(version, model.network(), probe.classNames(), layers, probe.size()));
            }
        });
    }

    /**
     * Scores the filters of one layer with an installed metric (its default settings).
     *
     * @param version the version
     * @param layer a convolution
     * @param metric the metric's id
     * @param done receives the importance of each filter, higher meaning more important
     * @param failed receives a message saying what went wrong
     * @return the scheduled job
     */
    static Job score(ModelVersion version, String layer, String metric, Consumer<double[]> done,
            Consumer<String> failed) {
        return schedule("Scoring " + layer + " of " + name(version), false, failed, monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, "Scoring " + layer, 10);
            MetricRegistry registry = Services.find(MetricRegistry.class)
                    .orElseThrow(() -> new IllegalStateException("no metric registry is running"));
            MetricScoring.Request request = MetricScoring.request(registry, metric);
            Dataset probe = probe(version);
            try (NDManager manager = runtime().newManager(); NetworkModel model = store(version).load(version, manager)) {
                ScoringContext context = new ScoringContext(model, List.of(layer), probe.classNames());
                Map<String, FilterScores> scores = MetricScoring.score(context, probe, dataset(version).normalization(),
                        PruningService.BATCH_SIZE, List.of(request), sub.split(10));
                done.accept(scores.get(metric).importance(layer));
            }
        });
    }

    /**
     * Prunes one layer of a version to the kept filters, optionally fine-tunes, and stores the child.
     *
     * @param version the parent version
     * @param layer the convolution whose filters were selected
     * @param kept the filters to keep, ascending
     * @param metric the metric the filters were ranked by, for the recipe
     * @param metricSettings its settings as JSON, or null for its defaults
     * @param fineTuneEpochs epochs of fine-tuning (Adam, learning rate 1e-3), 0 for none
     * @param done receives the new version
     * @param failed receives a message saying what went wrong
     * @return the scheduled job
     */
    static Job pruneToSelection(ModelVersion version, String layer, int[] kept, String metric,
            JsonElement metricSettings, int fineTuneEpochs, Consumer<ModelVersion> done, Consumer<String> failed) {
        String title = (fineTuneEpochs > 0 ? "Pruning and fine-tuning " : "Pruning ") + layer + " of " + name(version);
        return schedule(title, true, failed, monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, title, 100);
            MetricRegistry metrics = Services.find(MetricRegistry.class)
                    .orElseThrow(() -> new IllegalStateException("no metric registry is running"));
            StrategyRegistry strategies = Services.find(StrategyRegistry.class)
                    .orElseThrow(() -> new IllegalStateException("no strategy registry is running"));
            VersionStore store = store(version);
            try (NDManager manager = runtime().newManager()) {
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
                ModelVersion child = PruningService.prune(store, version, dataset(version), request, manager,
                        sub.split(95));
                refresh(version.projectDirectory(), sub.split(5));
                done.accept(child);
            }
        });
    }

    /** The body of a job; throws to fail with the exception's message. */
    interface Work {
        void run(IProgressMonitor monitor) throws Exception;
    }

    private static Job schedule(String name, boolean user, Consumer<String> failed, Work work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    work.run(monitor);
                    return Status.OK_STATUS;
                } catch (OperationCanceledException e) {
                    failed.accept("Cancelled.");
                    return Status.CANCEL_STATUS;
                } catch (Exception e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    failed.accept(message);
                    return Status.error(name + ": " + message, e);
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        // what the researcher asked for explicitly shows its progress dialog; background reads do not
        job.setUser(user);
        job.schedule();
        return job;
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
        DatasetSpec spec = ProjectFolder.open(version.projectDirectory()).descriptor().dataset();
        if (spec == null) {
            throw new IllegalArgumentException("the project has no dataset: the filter views need its test images");
        }
        return spec;
    }

    private static VersionStore store(ModelVersion version) throws IOException {
        return new VersionStore(version.projectDirectory());
    }

    private static ModelRuntime runtime() {
        return Services.find(ModelRuntime.class)
                .orElseThrow(() -> new IllegalStateException("the model runtime is not running"));
    }

    private static void refresh(Path projectDir, IProgressMonitor monitor) throws CoreException {
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (project.isOpen() && project.getLocation() != null
                    && project.getLocation().toFile().toPath().toAbsolutePath().normalize().equals(projectDir)) {
                project.refreshLocal(IResource.DEPTH_INFINITE, monitor);
            }
        }
    }

    static String name(ModelVersion version) {
        return version.model() + "/" + version.id();
    }
}
