package org.prunelab.core.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.strategies.PlanningContext;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.TrainingSettings;

import ai.djl.ndarray.NDManager;

/**
 * Layer sensitivity: each point of a curve is the accuracy of the network pruned at that group and ratio,
 * and running the pruned networks from the unchanged layers' outputs gives the same accuracies as
 * evaluating each on its own.
 */
class LayerSensitivityTest {

    private static final List<Double> RATIOS = List.of(0.25, 0.5, 0.75);
    private static final Normalization NORM = new Normalization(List.of(0.5, 0.5, 0.5),
            List.of(0.25, 0.25, 0.25));

    private static ServiceTracker<ModelRuntime, ModelRuntime> tracker;
    private static NDManager manager;

    @BeforeAll
    static void start() throws InterruptedException {
        tracker = new ServiceTracker<>(FrameworkUtil.getBundle(LayerSensitivity.class).getBundleContext(),
                ModelRuntime.class, null);
        tracker.open();
        manager = tracker.waitForService(30_000).newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
        tracker.close();
    }

    @Test
    void eachPointIsThePrunedNetworksAccuracyAndThePrefixChangesNothing() {
        // a small VGG trained a little on images whose class is the brightest quadrant, so that pruning
        // changes predictions; 300 images: two full batches and a short one
        Network network = Architectures.smallVgg("vgg", List.of(3, 16, 16), List.of(8, 8, 16, 16), 4);
        ArrayDataset data = quadrants(300, 3, 16, 16, 5);
        try (NetworkModel model = NetworkModel.initialize(network, manager, 3)) {
            ModelTraining.train(model, data, null, NORM, TrainingSettings.adam(2, 3), null);
            FilterScores scores = randomScores(model, 7);
            SensitivityCurves reused = LayerSensitivity.measure(model, scores, data, NORM, RATIOS,
                    new NullProgressMonitor());
            SensitivityCurves naive = LayerSensitivity.measure(model, scores, data, NORM, RATIOS, 0, null);
            // a budget below one batch's outputs: one batch per chunk
            SensitivityCurves chunked = LayerSensitivity.measure(model, scores, data, NORM, RATIOS, 1, null);
            assertEquals(naive, reused);
            assertEquals(naive, chunked);

            assertEquals(ModelTraining.evaluate(model, data, NORM, 64, null).accuracy(), naive.baseAccuracy(), 1e-12);
            PlanningContext context = PlanningContext.of(model, scores, 1);
            ChannelGroup conv3 = group(context, "conv3");
            for (int r = 0; r < RATIOS.size(); r++) {
                Map<String, Integer> counts = new LinkedHashMap<>();
                counts.put(conv3.id(), (int) Math.round((1 - RATIOS.get(r)) * 16));
                try (NDManager scope = manager.newSubManager();
                        NetworkModel pruned = Surgeon.apply(model, context.keepTop(counts), scope)) {
                    assertEquals(ModelTraining.evaluate(pruned, data, NORM, 100, null).accuracy(),
                            naive.accuracy().get(conv3.id()).get(r), 1e-12, "conv3 at " + RATIOS.get(r));
                }
            }
            assertEquals(4, naive.accuracy().size(), "a curve per convolution");
            assertEquals(List.of("pool1"), LayerSensitivity.frontier(network, conv3), "conv3 reads the first pool");
            assertEquals(List.of(Network.INPUT), LayerSensitivity.frontier(network, group(context, "conv1")));
        }
    }

    @Test
    void aResidualGroupRunsFromEveryUnchangedLayerItsLayersRead() {
        Network network = Architectures.cifarResnet(14, 4);
        ArrayDataset data = quadrants(150, 3, 32, 32, 9);
        try (NetworkModel model = NetworkModel.initialize(network, manager, 5)) {
            FilterScores scores = randomScores(model, 11);
            PlanningContext context = PlanningContext.of(model, scores, 1);
            // stage 2's blocks add onto the projection of stage 1's output: one group, two entry points
            ChannelGroup stage2 = group(context, "s2.b1.conv2");
            assertEquals(List.of("s2.b1.relu1", "s1.b2.relu2"), LayerSensitivity.frontier(network, stage2));
            assertEquals(List.of(Network.INPUT), LayerSensitivity.frontier(network, group(context, "s1.b1.conv2")),
                    "stage 1 adds onto the stem");
            assertEquals(List.of("stem.relu"), LayerSensitivity.frontier(network, group(context, "s1.b1.conv1")));
            SensitivityCurves reused = LayerSensitivity.measure(model, scores, data, NORM, RATIOS, 1 << 20, null);
            SensitivityCurves naive = LayerSensitivity.measure(model, scores, data, NORM, RATIOS, 0, null);
            assertEquals(naive, reused);
        }
    }

    private static ChannelGroup group(PlanningContext context, String producer) {
        return context.prunableGroups().stream().filter(g -> g.producers().contains(producer)).findFirst()
                .orElseThrow(() -> new AssertionError("no prunable group produced by " + producer));
    }

    /** Scores drawn at random for every convolution: any ranking will do. */
    private static FilterScores randomScores(NetworkModel model, long seed) {
        Random random = new Random(seed);
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (Layer conv : model.network().layersOf(Op.Conv2d.class)) {
            byLayer.put(conv.id(), random.doubles(((Op.Conv2d) conv.op()).filters()).toArray());
        }
        return new FilterScores("random", true, byLayer);
    }

    /** Noise images whose class is the quadrant made brighter. */
    private static ArrayDataset quadrants(int n, int c, int h, int w, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[n * c * h * w];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(4);
            labels[i] = (byte) label;
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int quadrant = (y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1);
                        int value = random.nextInt(128) + (quadrant == label ? 127 : 0);
                        pixels[((i * c + ch) * h + y) * w + x] = (byte) value;
                    }
                }
            }
        }
        return new ArrayDataset("quadrants", List.of("top left", "top right", "bottom left", "bottom right"),
                List.of(c, h, w), pixels, labels);
    }
}
