package org.prunelab.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.corruption.ImageCorruptions;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.ndarray.NDManager;

/**
 * The robustness table of several versions against plain inference over as many images: every built-in
 * corruption at severities 1–5 on the 10 000 Fashion-MNIST test images, corrupted on the fly (nothing
 * corrupted is held beyond the batch being evaluated), beside forward passes of the clean test set, one per
 * (corruption, severity) and version (target ≤ 1.2×). The two take turns every (corruption, severity),
 * so that load from elsewhere on the machine falls on both alike. Before that, the cost of each corruption
 * alone per image.
 * <p>
 * usage: RobustnessBenchmark FASHION_MNIST_DIR NATIVES THREADS DEMO_MODEL_DIR VERSIONS, VERSIONS
 * comma-separated (the first is the root of the corruption errors)
 */
public final class RobustnessBenchmark {

    private static final int BATCH_SIZE = 128;
    private static final long SEED = 1;
    private static final int[] SEVERITIES = {1, 2, 3, 4, 5};
    /** Images per severity of the per-corruption measurement. */
    private static final int MICRO_IMAGES = 2000;

    private RobustnessBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ArrayDataset test = FashionMnist.test(Path.of(args[0]));
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        Path demo = Path.of(args[3]);
        List<String> ids = List.of(args[4].split(","));
        Normalization norm = Normalization.FASHION_MNIST;
        List<ImageCorruption> corruptions = ImageCorruptions.builtIn().all();

        double[] micro = corruptionCosts(test, corruptions);
        double rgbJpeg = rgbJpegCost(test, ImageCorruptions.builtIn().require("jpeg", 1));

        HeapPeak heap = new HeapPeak();
        try (NDManager manager = runtime.newManager()) {
            List<NetworkModel> models = new ArrayList<>();
            for (String id : ids) {
                models.add(ModelFiles.load(demo.resolve(id), manager));
            }
            double[] clean = new double[models.size()];
            for (int v = 0; v < models.size(); v++) {
                clean[v] = ModelTraining.evaluate(models.get(v), test, norm, BATCH_SIZE, null).accuracy();
            }
            // warm-up of both paths
            Dataset few = new CorruptedDataset(new FirstImages(test, 1024), corruptions.get(0), 1, SEED);
            for (NetworkModel model : models) {
                forward(model, new FirstImages(test, 1024));
            }
            evaluate(models, few, norm);
            System.gc();
            heap.start();

            double plainSeconds = 0;
            double robustSeconds = 0;
            // accuracy[version][corruption][severity - 1]
            double[][][] accuracy = new double[models.size()][corruptions.size()][SEVERITIES.length];
            int turn = 0;
            for (int c = 0; c < corruptions.size(); c++) {
                ImageCorruption corruption = corruptions.get(c);
                for (int s = 0; s < SEVERITIES.length; s++) {
                    // a few seconds of each in turn, which of the two first alternating, so that load from
                    // elsewhere and the other's garbage fall on both alike
                    for (int half = 0; half < 2; half++, turn++) {
                        long start = System.nanoTime();
                        if (turn % 4 == 0 || turn % 4 == 3) {
                            for (NetworkModel model : models) {
                                forward(model, test);
                            }
                            plainSeconds += seconds(start);
                        } else {
                            Dataset corrupted = new CorruptedDataset(test, corruption, SEVERITIES[s], SEED);
                            List<EvaluationResult> results = evaluate(models, corrupted, norm);
                            for (int v = 0; v < models.size(); v++) {
                                accuracy[v][c][s] = results.get(v).accuracy();
                            }
                            robustSeconds += seconds(start);
                        }
                    }
                }
                System.err.printf(Locale.ROOT, "%s done: plain %.1f s, robustness %.1f s so far%n", corruption.id(),
                        plainSeconds, robustSeconds);
            }
            heap.stop();
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            for (NetworkModel model : models) {
                model.close();
            }

            long images = (long) models.size() * corruptions.size() * SEVERITIES.length * test.size();
            System.out.println("| corruption | µs per image, mean of severities 1–5 |");
            System.out.println("|---|---:|");
            double sum = 0;
            for (int c = 0; c < corruptions.size(); c++) {
                System.out.println(String.format(Locale.ROOT, "| %s | %.1f |", corruptions.get(c).id(), micro[c]));
                sum += micro[c];
            }
            System.out.println(String.format(Locale.ROOT, "| mean of the %d | %.1f |", corruptions.size(),
                    sum / corruptions.size()));
            System.out.println(String.format(Locale.ROOT, "| (jpeg of the same images as RGB, through ImageIO) | %.1f |",
                    rgbJpeg));
            System.out.println(String.format(Locale.ROOT, "| (plain inference, one version, per image) | %.1f |",
                    plainSeconds / images * 1e6));
            System.out.println();
            System.out.println("| what | result |");
            System.out.println("|---|---|");
            System.out.println(String.format(Locale.ROOT,
                    "| robustness table (%s), %d versions × %d corruptions × %d severities × %d images | %.1f s, %,.0f images/s |",
                    String.join(", ", ids), models.size(), corruptions.size(), SEVERITIES.length, test.size(),
                    robustSeconds, images / robustSeconds));
            System.out.println(String.format(Locale.ROOT,
                    "| plain inference, the clean test set %d times per version (%,d images) | %.1f s, %,.0f images/s |",
                    corruptions.size() * SEVERITIES.length, images, plainSeconds, images / plainSeconds));
            System.out.println(String.format(Locale.ROOT, "| robustness table / plain inference | %.2f× |",
                    robustSeconds / plainSeconds));
            System.out.println(String.format(Locale.ROOT,
                    "| Java heap: peak used while timing / live after / maximum | %d MiB / %d MiB / %d MiB |",
                    heap.peak() >> 20, live >> 20, Runtime.getRuntime().maxMemory() >> 20));
            System.out.println(String.format(Locale.ROOT, "| peak resident set (VmHWM) | %d MiB |", peakResident() >> 20));
            System.out.println();

            StringBuilder header = new StringBuilder("| corruption (mean of severities 1–5) |");
            StringBuilder rule = new StringBuilder("|---|");
            for (String id : ids) {
                header.append(' ').append(id).append(" |");
                rule.append("---:|");
            }
            System.out.println(header);
            System.out.println(rule);
            StringBuilder row = new StringBuilder("| clean |");
            for (double a : clean) {
                row.append(String.format(Locale.ROOT, " %.1f %% |", 100 * a));
            }
            System.out.println(row);
            for (int c = 0; c < corruptions.size(); c++) {
                row = new StringBuilder("| " + corruptions.get(c).id() + " |");
                for (int v = 0; v < models.size(); v++) {
                    row.append(String.format(Locale.ROOT, " %.1f %% |", 100 * mean(accuracy[v][c])));
                }
                System.out.println(row);
            }
            row = new StringBuilder("| **mean corruption accuracy** |");
            for (int v = 0; v < models.size(); v++) {
                double all = 0;
                for (double[] cells : accuracy[v]) {
                    all += mean(cells);
                }
                row.append(String.format(Locale.ROOT, " **%.1f %%** |", 100 * all / corruptions.size()));
            }
            System.out.println(row);
            row = new StringBuilder("| mCE against " + ids.get(0) + " |");
            for (int v = 0; v < models.size(); v++) {
                double errors = 0;
                for (int c = 0; c < corruptions.size(); c++) {
                    errors += corruptionError(accuracy[v][c], accuracy[0][c]);
                }
                row.append(String.format(Locale.ROOT, " %.3f |", errors / corruptions.size()));
            }
            System.out.println(row);
        }
    }

    /**
     * Microseconds per image of the {@code jpeg} corruption on the same images as RGB (grey in every
     * channel), which goes through ImageIO's writer and reader: what grey images would cost that way.
     */
    private static double rgbJpegCost(Dataset test, ImageCorruption jpeg) {
        int h = test.imageShape().get(1);
        int w = test.imageShape().get(2);
        int plane = h * w;
        float[] grey = new float[plane];
        float[] rgb = new float[3 * plane];
        long start = 0;
        for (int pass = 0; pass < 2; pass++) {
            start = System.nanoTime();
            for (int severity : SEVERITIES) {
                for (int i = 0; i < MICRO_IMAGES; i++) {
                    test.pixels(i, grey, 0);
                    for (int ch = 0; ch < 3; ch++) {
                        System.arraycopy(grey, 0, rgb, ch * plane, plane);
                    }
                    jpeg.apply(rgb, 3, h, w, severity, new SplittableRandom(i));
                }
            }
        }
        return seconds(start) * 1e6 / (SEVERITIES.length * MICRO_IMAGES);
    }

    /** Microseconds per image of each corruption alone (the clean read included), after a warm-up. */
    private static double[] corruptionCosts(Dataset test, List<ImageCorruption> corruptions) {
        float[] image = new float[test.imageSize()];
        double[] micro = new double[corruptions.size()];
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < corruptions.size(); c++) {
                long start = System.nanoTime();
                for (int severity : SEVERITIES) {
                    Dataset corrupted = new CorruptedDataset(test, corruptions.get(c), severity, SEED);
                    for (int i = 0; i < MICRO_IMAGES; i++) {
                        corrupted.pixels(i, image, 0);
                    }
                }
                micro[c] = seconds(start) * 1e6 / (SEVERITIES.length * MICRO_IMAGES);
            }
        }
        return micro;
    }

    /** Each version on its own stream of the corrupted images, as the Robustness analysis evaluates one. */
    private static List<EvaluationResult> evaluate(List<NetworkModel> models, Dataset data, Normalization norm) {
        List<EvaluationResult> results = new ArrayList<>();
        for (NetworkModel model : models) {
            results.add(ModelTraining.evaluate(model, data, norm, BATCH_SIZE, null));
        }
        return results;
    }

    /** Plain inference: batches of the clean images through the network, the logits read back. */
    private static void forward(NetworkModel model, Dataset data) {
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = Batches.inOrder(data, BATCH_SIZE, Normalization.FASHION_MNIST).iterator(scope);
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    Executor.logits(model, batch.images(), false).toFloatArray();
                }
            }
        }
    }

    /** CE_c as ImageNet-C's, the root in AlexNet's place. */
    private static double corruptionError(double[] accuracy, double[] root) {
        double errors = 0;
        double rootErrors = 0;
        for (int s = 0; s < accuracy.length; s++) {
            errors += 1 - accuracy[s];
            rootErrors += 1 - root[s];
        }
        return errors / rootErrors;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakResident() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return -1;
    }

    /** The most heap in use, sampled every 10 ms: garbage not yet collected included, as the JVM holds it. */
    private static final class HeapPeak {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread sampler;

        void start() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            running = true;
            sampler = Thread.ofPlatform().daemon().name("heap sampler").start(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long peak() {
            return peak.get();
        }
    }

    /** The first images of a dataset, for the warm-up. */
    private record FirstImages(Dataset all, int size) implements Dataset {
        @Override
        public String name() {
            return all.name() + ", first " + size;
        }

        @Override
        public List<String> classNames() {
            return all.classNames();
        }

        @Override
        public List<Integer> imageShape() {
            return all.imageShape();
        }

        @Override
        public int label(int index) {
            return all.label(index);
        }

        @Override
        public void pixels(int index, float[] target, int offset) {
            all.pixels(index, target, offset);
        }
    }
}
