package org.prunelab.benchmarks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.prunelab.core.metrics.FilterScores;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDManager;

/**
 * Layer sensitivity (every prunable group, ratios 10–90 %) with the unchanged layers' outputs computed
 * once per group, against the naive loop that evaluates every pruned network from the images, side by
 * side in one run, the curves checked equal: the demo's base on its 2 000 validation images, and
 * VGG-16-BN on 32×32 input (target ≥ 2× faster).
 * <p>
 * usage: SensitivityBenchmark FASHION_MNIST_DIR NATIVES THREADS DEMO_MODEL_DIR VGG_IMAGES
 */
public final class SensitivityBenchmark {

    private SensitivityBenchmark() {
    }

    public static void main(String[] args) {
        Dataset validation = PruningService.validation(FashionMnist.train(Path.of(args[0])));
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        int vggImages = Integer.parseInt(args[4]);
        System.out.println("| network | groups × ratios | images | naive loop | prefix reused | naive / reused | curves equal |");
        System.out.println("|---|---|---:|---:|---:|---:|---|");
        try (NDManager manager = runtime.newManager();
                NetworkModel demo = ModelFiles.load(Path.of(args[3]).resolve("base"), manager)) {
            compare("demo small VGG (base)", demo, validation, Normalization.FASHION_MNIST);
        }
        // an untrained VGG-16-BN: the time does not depend on the weights; the images are Fashion-MNIST's,
        // padded to 32 × 32 and repeated in three channels
        Normalization rgb = new Normalization(List.of(0.286, 0.286, 0.286), List.of(0.353, 0.353, 0.353));
        try (NDManager manager = runtime.newManager();
                NetworkModel vgg = NetworkModel.initialize(Architectures.vgg16Bn(1.0, 10), manager, 1)) {
            compare("VGG-16-BN, 3 × 32 × 32", vgg, new Padded(Subsets.first(validation, vggImages)), rgb);
        }
    }

    private static void compare(String what, NetworkModel model, Dataset images, Normalization norm) {
        FilterScores scores = l1(model);
        List<Double> ratios = LayerSensitivity.RATIOS;
        // warm-up of both paths on a few images
        Dataset few = Subsets.first(images, 256);
        LayerSensitivity.measure(model, scores, few, norm, ratios, LayerSensitivity.PREFIX_BYTES, null);
        LayerSensitivity.measure(model, scores, few, norm, ratios, 0, null);
        long start = System.nanoTime();
        SensitivityCurves naive = LayerSensitivity.measure(model, scores, images, norm, ratios, 0, null);
        double naiveSeconds = seconds(start);
        start = System.nanoTime();
        SensitivityCurves reused = LayerSensitivity.measure(model, scores, images, norm, ratios,
                LayerSensitivity.PREFIX_BYTES, null);
        double reusedSeconds = seconds(start);
        System.out.println(String.format(Locale.ROOT, "| %s | %d × %d | %d | %.1f s | %.1f s | %.2f× | %s |", what,
                naive.accuracy().size(), ratios.size(), images.size(), naiveSeconds, reusedSeconds,
                naiveSeconds / reusedSeconds, naive.equals(reused) ? "yes" : "NO"));
    }

    /** The L1 norm of every filter: the ranking does not change the time, any will do. */
    private static FilterScores l1(NetworkModel model) {
        Map<String, double[]> byLayer = new LinkedHashMap<>();
        for (Layer conv : model.network().layersOf(Op.Conv2d.class)) {
            float[] norms = model.parameter(conv.id() + ".weight").abs().sum(new int[] {1, 2, 3}).toFloatArray();
            double[] scores = new double[norms.length];
            for (int i = 0; i < norms.length; i++) {
                scores[i] = norms[i];
            }
            byLayer.put(conv.id(), scores);
        }
        return new FilterScores("l1", true, byLayer);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Grey 28 × 28 images padded to 32 × 32 and repeated in three channels. */
    private record Padded(Dataset grey) implements Dataset {
        @Override
        public String name() {
            return grey.name() + ", padded to 3 × 32 × 32";
        }

        @Override
        public int size() {
            return grey.size();
        }

        @Override
        public List<String> classNames() {
            return grey.classNames();
        }

        @Override
        public List<Integer> imageShape() {
            return List.of(3, 32, 32);
        }

        @Override
        public int label(int index) {
            return grey.label(index);
        }

        @Override
        public void pixels(int index, float[] target, int offset) {
            float[] image = new float[28 * 28];
            grey.pixels(index, image, 0);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                        target[offset + (c * 32 + y) * 32 + x] = inside ? image[(y - 2) * 28 + x - 2] : 0;
                    }
                }
            }
        }
    }
}
