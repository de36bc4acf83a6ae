package org.prunelab.ui.sparklines.internal;

import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.filters.FilterDetails;
import org.prunelab.core.filters.FilterProvider;
import org.prunelab.core.filters.VersionFilters;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

import com.google.gson.JsonElement;

/**
 * The filter views' jobs over the headless {@link FilterProvider}: reading a version's class activations
 * and scoring a layer, which the views run through their {@link org.prunelab.ui.ViewJobs}, and pruning a
 * layer to the kept filters, a job of the project's own that outlives the view that started it.
 */
final class FilterJobs {

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
        return provider().activations(version, monitor);
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
        return provider().score(version, layer, metric, monitor);
    }

    /**
     * Computes CNNPruner's filter view of one convolution: kernels, maps, top images and every metric's
     * scores.
     *
     * @param version the version
     * @param layer a convolution
     * @param settings metric id to its settings, for those not to score with their defaults
     * @param monitor progress and cancellation
     * @return the details of every filter of the layer
     * @throws Exception saying what went wrong
     */
    static FilterDetails details(ModelVersion version, String layer, Map<String, JsonElement> settings,
            IProgressMonitor monitor) throws Exception {
        return provider().details(version, layer, settings, monitor);
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
        return VersionJob.training(title, version.projectDirectory(), version.model(), version.id(), fineTuneEpochs,
                (listener, monitor) -> {
                    SubMonitor sub = SubMonitor.convert(monitor, title, 100);
                    done.accept(provider().pruneToSelection(version, layer, kept, metric, metricSettings,
                            fineTuneEpochs, listener, sub.split(100)));
                });
    }

    private static FilterProvider provider() {
        return new FilterProvider(VersionJob.runtime(),
                Services.find(MetricRegistry.class)
                        .orElseThrow(() -> new IllegalStateException("no metric registry is running")),
                Services.find(StrategyRegistry.class)
                        .orElseThrow(() -> new IllegalStateException("no strategy registry is running")));
    }

    static String name(ModelVersion version) {
        return version.model() + "/" + version.id();
    }
}
