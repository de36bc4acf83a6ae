package org.prunelab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import ai.djl.ndarray.NDManager;

/**
 * The CAM comparison against plain inference: Grad-CAM of both versions and Sp2PS over the 10 000 test
 * images, as a ratio to two forward passes over the same images (target ≤ 3×); then the Sp2PS of every
 * version of the demo against its base, for the case study.
 * <p>
 * usage: CamBenchmark FASHION_MNIST_DIR NATIVES THREADS DEMO_MODEL_DIR
 */
public final class CamBenchmark {

    private CamBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        ArrayDataset test = FashionMnist.test(Path.of(args[0]));
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        Path demo = Path.of(args[3]);
        Normalization norm = Normalization.FASHION_MNIST;
        CamComparison.Settings settings = CamComparison.Settings.DEFAULT;
        try (NDManager manager = runtime.newManager();
                NetworkModel base = ModelFiles.load(demo.resolve("base"), manager);
                NetworkModel v4 = ModelFiles.load(demo.resolve("v4"), manager)) {
            // warm-up of both paths, then the best of two timed runs each, side by side
            forward(base, test);
            CamComparison.run(base, v4, Subsets.first(test, 1024), norm, 128, settings, new NullProgressMonitor());
            double forward = Double.MAX_VALUE;
            double cam = Double.MAX_VALUE;
            CamComparison.Result result = null;
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                forward(base, test);
                forward(v4, test);
                forward = Math.min(forward, seconds(start));
                start = System.nanoTime();
                result = CamComparison.run(base, v4, test, norm, 128, settings, new NullProgressMonitor());
                cam = Math.min(cam, seconds(start));
            }
            System.out.println("| what | result |");
            System.out.println("|---|---|");
            System.out.println(String.format(Locale.ROOT,
                    "| Grad-CAM (conv4) of base and v4 + Sp2PS, %d test images / two forward passes | %.2f× (%.2f s / %.2f s) |",
                    test.size(), cam / forward, cam, forward));
            System.out.println(String.format(Locale.ROOT, "| Sp2PS of v4 against base | %.4f (S %.4f, F %.4f) |",
                    result.sp2ps(), result.meanSpatial(), result.meanSpectral()));
        }
        System.out.println();
        System.out.println("| version | Sp2PS against base | S | F | predictions changed |");
        System.out.println("|---|---|---|---|---|");
        List<String> versions = new ArrayList<>();
        try (var dirs = Files.list(demo)) {
            dirs.map(p -> p.getFileName().toString()).filter(id -> id.matches("v\\d+"))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))))
                    .forEach(versions::add);
        }
        try (NDManager manager = runtime.newManager(); NetworkModel base = ModelFiles.load(demo.resolve("base"), manager)) {
            for (String id : versions) {
                try (NetworkModel version = ModelFiles.load(demo.resolve(id), manager)) {
                    CamComparison.Result r = CamComparison.run(base, version, test, norm, 128, settings,
                            new NullProgressMonitor());
                    System.out.println(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %d |", id, r.sp2ps(),
                            r.meanSpatial(), r.meanSpectral(), r.changedPredictions()));
                }
            }
        }
    }

    private static void forward(NetworkModel model, ArrayDataset data) {
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = Batches.inOrder(data, 128, Normalization.FASHION_MNIST).iterator(scope);
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    Executor.logits(model, batch.images(), false).toFloatArray();
                }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
