package org.prunelab.core.filters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Subsets;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.probe.SampleMaps;
import org.prunelab.runtime.probe.TopActivations;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.training.TrainingListener;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What the filter views show and do, computed headless: the class activations of a version's
 * convolutions, one layer's scores under a metric, and pruning a layer to the filters a user kept. Each
 * call loads the version under a manager of its own and closes it before returning.
 */
public final class FilterProvider {

    /** Test images the activations and the metrics are computed on, spread over the test set. */
    public static final int PROBE_SAMPLES = 2000;

    /** Test images kept per filter as those that activate it most. */
    public static final int TOP_IMAGES = 8;

    /** Example images the filter view shows every filter's maps on, one per class. */
    public static final int EXAMPLE_IMAGES = 10;

    /** The strategy that keeps exactly a selection. */
    public static final String KEEP_SELECTION = "org.prunelab.strategies.keepSelection";

    private final ModelRuntime runtime;
    private final MetricRegistry metrics;
    private final StrategyRegistry strategies;

    /**
     * Creates a provider.
     *
     * @param runtime the model runtime
     * @param metrics the installed metrics
     * @param strategies the installed strategies
     */
    public FilterProvider(ModelRuntime runtime, MetricRegistry metrics, StrategyRegistry strategies) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.strategies = strategies;
    }

    /**
     * Reads the class activations of every convolution of a version on {@link #PROBE_SAMPLES} test images.
     *
     * @param version the version
     * @param monitor progress and cancellation
     * @return the activations
     * @throws IOException if the project or the version cannot be read
     * @throws IllegalArgumentException saying so if the test set is empty or the version has no convolution
     */
    public VersionFilters activations(ModelVersion version, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Filter activations of " + name(version), 10);
        DatasetSpec data = dataset(version);
        Dataset probe = probe(version, data);
        try (NDManager manager = runtime.newManager();
                NetworkModel model = new VersionStore(version.projectDirectory()).load(version, manager)) {
            ScoringContext context = ScoringContext.allConvolutions(model, probe.classNames());
            if (context.layers().isEmpty()) {
                throw new IllegalArgumentException(name(version) + " has no convolution to analyse");
            }
            Map<String, ClassActivations> layers = ClassActivationPass.compute(context, probe, data.normalization(),
                    PruningService.BATCH_SIZE, sub.split(10));
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
     * @throws IOException if the project or the version cannot be read
     * @throws org.prunelab.core.contributions.ContributionException naming the plug-in if the metric is
     *             unknown or fails
     */
    public double[] score(ModelVersion version, String layer, String metric, IProgressMonitor monitor)
            throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Scoring " + layer, 10);
        MetricScoring.Request request = MetricScoring.request(metrics, metric);
        DatasetSpec data = dataset(version);
        Dataset probe = probe(version, data);
        try (NDManager manager = runtime.newManager();
                NetworkModel model = new VersionStore(version.projectDirectory()).load(version, manager)) {
            ScoringContext context = new ScoringContext(model, List.of(layer), probe.classNames());
            Map<String, FilterScores> scores = MetricScoring.score(context, probe, data.normalization(),
                    PruningService.BATCH_SIZE, List.of(request), sub.split(10));
            return scores.get(metric).importance(layer);
        }
    }

    /**
     * Computes CNNPruner's filter view of one convolution on {@link #PROBE_SAMPLES} test images, with one
     * probe pass: every filter's kernel, its maps on {@link #EXAMPLE_IMAGES} example images (the first
     * test image of a class, classes spread when there are more), the {@link #TOP_IMAGES} test images
     * that activate it most with their maps, and its scores under every installed metric. A metric that
     * fails is reported in the result, and the others score.
     *
     * @param version the version
     * @param wanted a convolution, or null for the version's first
     * @param settings metric id to its settings as JSON, for the metrics not to score with their defaults
     * @param monitor progress and cancellation
     * @return the filter view of every filter of the layer
     * @throws IOException if the project or the version cannot be read
     * @throws IllegalArgumentException naming the layer if it is not a convolution of the version, the
     *             version if it has none, or the test set if it is empty
     */
    public FilterDetails details(ModelVersion version, String wanted, Map<String, JsonElement> settings,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Filter details of " + name(version), 10);
        DatasetSpec data = dataset(version);
        Dataset probe = probe(version, data);
        try (NDManager manager = runtime.newManager();
                NetworkModel model = new VersionStore(version.projectDirectory()).load(version, manager)) {
            List<String> convolutions = model.network().layersOf(Op.Conv2d.class).stream().map(Layer::id).toList();
            if (wanted == null && convolutions.isEmpty()) {
                throw new IllegalArgumentException(name(version) + " has no convolution to show");
            }
            String layer = wanted == null ? convolutions.get(0) : wanted;
            ScoringContext context = new ScoringContext(model, List.of(layer), probe.classNames());
            String observed = context.observedLayer(layer);
            int[] examples = examples(probe);
            TopActivations top = new TopActivations(observed, TOP_IMAGES);
            SampleMaps maps = new SampleMaps(observed, examples);
            Map<String, String> failures = new LinkedHashMap<>();
            List<MetricScoring.Request> requests = new ArrayList<>();
            for (MetricDescriptor descriptor : metrics.descriptors()) {
                try {
                    requests.add(MetricScoring.request(metrics, descriptor.id(), settings.get(descriptor.id())));
                } catch (ContributionException | IllegalArgumentException e) {
                    failures.put(descriptor.id(), e.getMessage());
                }
            }
            MetricScoring.Scored scored = MetricScoring.scoreEach(context, probe, data.normalization(),
                    PruningService.BATCH_SIZE, requests, List.of(top, maps), sub.split(10));
            failures.putAll(scored.failures());
            Map<String, double[]> scores = new LinkedHashMap<>();
            scored.scores().forEach((id, filterScores) -> scores.put(id, filterScores.importance(layer)));

            NDArray weight = model.parameter(layer + "." + ParameterSpecs.WEIGHT);
            Shape shape = weight.getShape();
            FilterDetails.Kernels kernels = new FilterDetails.Kernels((int) shape.get(0), (int) shape.get(1),
                    (int) shape.get(2), (int) shape.get(3), weight.toFloatArray());
            float[][][] exampleMaps = new float[kernels.filters()][examples.length][];
            List<List<TopActivations.Entry>> tops = new ArrayList<>();
            Map<Integer, FilterDetails.Image> images = new TreeMap<>();
            for (int e : examples) {
                images.put(e, image(probe, e));
            }
            for (int f = 0; f < kernels.filters(); f++) {
                for (int e = 0; e < examples.length; e++) {
                    exampleMaps[f][e] = maps.map(examples[e], f).orElseThrow();
                }
                tops.add(top.of(f));
                for (TopActivations.Entry entry : top.of(f)) {
                    images.computeIfAbsent(entry.sample(), index -> image(probe, index));
                }
            }
            return new FilterDetails(version, layer, convolutions, probe.classNames(), kernels, top.height(),
                    top.width(), images, examples, exampleMaps, tops, scores, failures, probe.size());
        }
    }

    /** The first sample of each class, classes spread over the labels when there are more than shown. */
    private static int[] examples(Dataset probe) {
        int classes = probe.classNames().size();
        int shown = Math.min(classes, EXAMPLE_IMAGES);
        int[] first = new int[classes];
        Arrays.fill(first, -1);
        for (int i = 0; i < probe.size(); i++) {
            if (first[probe.label(i)] < 0) {
                first[probe.label(i)] = i;
            }
        }
        return IntStream.range(0, shown).map(s -> first[s * classes / shown]).filter(i -> i >= 0).toArray();
    }

    private static FilterDetails.Image image(Dataset probe, int index) {
        float[] pixels = new float[probe.imageSize()];
        probe.pixels(index, pixels, 0);
        return new FilterDetails.Image(index, probe.label(index), probe.imageShape(), pixels);
    }

    /**
     * Prunes one layer of a version to the kept filters (the rest of its channel group follows),
     * optionally fine-tunes, and stores the child.
     *
     * @param version the parent version; unchanged
     * @param layer the convolution whose filters were selected
     * @param kept the filters to keep, ascending
     * @param metric the metric the filters were ranked by, for the recipe
     * @param metricSettings its settings as JSON, or null for its defaults
     * @param fineTuneEpochs epochs of fine-tuning (Adam, learning rate 1e-3), 0 for none
     * @param listener told of the fine-tuning's epochs and of the running means within them, on the job's thread
     * @param monitor progress and cancellation
     * @return the stored child
     * @throws IOException if the project cannot be read or the child cannot be written
     * @throws IllegalArgumentException naming the layer if its channels cannot be pruned
     */
    public ModelVersion pruneToSelection(ModelVersion version, String layer, int[] kept, String metric,
            JsonElement metricSettings, int fineTuneEpochs, TrainingListener listener, IProgressMonitor monitor)
            throws IOException {
        VersionStore store = new VersionStore(version.projectDirectory());
        ChannelGroup group;
        try (NDManager manager = runtime.newManager(); NetworkModel model = store.load(version, manager)) {
            group = ChannelGroups.of(model.network()).groupOf(layer).orElseThrow(
                    () -> new IllegalArgumentException("the channels of '" + layer + "' cannot be pruned"));
        }
        JsonArray channels = new JsonArray();
        for (int f : kept) {
            channels.add(f);
        }
        JsonObject byGroup = new JsonObject();
        byGroup.add(group.id(), channels);
        JsonObject settings = new JsonObject();
        settings.add("kept", byGroup);
        PruningService.PruneRequest request = new PruningService.PruneRequest(
                MetricScoring.request(metrics, metric, metricSettings),
                Planning.request(strategies, KEEP_SELECTION, settings), 1,
                fineTuneEpochs > 0 ? TrainingSettings.adam(fineTuneEpochs, 1) : null, 256, null,
                PruningService.BATCH_NORM_IMAGES, PlanningContext.NO_CEILING);
        return PruningService.prune(store, version, dataset(version), request, listener, runtime, monitor);
    }

    private static Dataset probe(ModelVersion version, DatasetSpec data) throws IOException {
        Dataset test = data.test(version.projectDirectory());
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set of " + version.projectDirectory().getFileName()
                    + " is empty");
        }
        return Subsets.spread(test, PROBE_SAMPLES);
    }

    private static DatasetSpec dataset(ModelVersion version) throws IOException {
        return ProjectFolder.open(version.projectDirectory()).dataset();
    }

    private static String name(ModelVersion version) {
        return version.model() + "/" + version.id();
    }
}
