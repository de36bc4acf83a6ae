package org.prunelab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.probe.ChannelSums;
import org.prunelab.runtime.probe.ClassMeans;
import org.prunelab.runtime.probe.LayerStatistic;
import org.prunelab.runtime.probe.ProbePass;
import org.prunelab.runtime.probe.TaylorSums;

import ai.djl.ndarray.NDManager;

/**
 * The native-memory benchmark of docs/BENCHMARKS.md: 1 000 probe batches (batch 128, channel sums, class
 * means and Taylor gradients of four layers, as the filter views and the Taylor metric need them) on the
 * small VGG, each pass with fresh statistics as the workbench makes them, and the process's resident set
 * (native memory included, which the Java heap figures miss) after a warm-up and every 100 batches. Tensors
 * that are not closed grow the resident set without bound; a flat line is the goal.
 */
public final class MemoryBenchmark {

    private static final int BATCHES = 1000;
    private static final int BATCH_SIZE = 128;

    private MemoryBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args IDX folder (Fashion-MNIST layout), native cache, threads
     * @throws IOException if /proc cannot be read
     */
    public static void main(String[] args) throws IOException {
        ArrayDataset data = FashionMnist.train(Path.of(args[0]));
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        int perPass = (data.size() + BATCH_SIZE - 1) / BATCH_SIZE;
        List<String> rows = new ArrayList<>();
        try (NDManager manager = runtime.newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("vgg-32-32-64-64", List.of(1, 28, 28), List.of(32, 32, 64, 64), 10),
                        manager, 1)) {
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                pass(model, data);
            }
            long start = residentKiB();
            rows.add(row(0, start, start));
            int batches = 0;
            int next = 100;
            while (batches < BATCHES) {
                pass(model, data);
                batches += perPass;
                if (batches >= next || batches >= BATCHES) {
                    rows.add(row(batches, residentKiB(), start));
                    next += 100;
                }
            }
        }
        System.out.println("| probe batches (of " + BATCH_SIZE + ") | resident set | change since start "
                + "| of it Java heap (committed) | outside the heap |");
        System.out.println("|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static void pass(NetworkModel model, ArrayDataset data) {
        List<LayerStatistic> statistics = new ArrayList<>();
        for (String layer : List.of("relu1", "relu2", "relu3", "relu4")) {
            statistics.add(new ChannelSums(layer));
            statistics.add(new ClassMeans(layer, data.classNames().size()));
            statistics.add(new TaylorSums(layer));
        }
        ProbePass.run(model, data, Normalization.FASHION_MNIST, BATCH_SIZE, statistics, new NullProgressMonitor());
    }

    /** The process's resident set size, native memory included. */
    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("/proc/self/status has no VmRSS");
    }

    /** A row; the heap is committed memory, which the JVM grows and keeps, so native growth is the rest. */
    private static String row(int batches, long kib, long start) {
        double heap = Runtime.getRuntime().totalMemory() / 1024.0 / 1024.0;
        return String.format(Locale.ROOT, "| %,d | %.1f MiB | %+.1f MiB | %.1f MiB | %.1f MiB |", batches, kib / 1024.0,
                (kib - start) / 1024.0, heap, kib / 1024.0 - heap);
    }
}
