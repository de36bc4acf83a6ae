package org.prunelab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.prunelab.runtime.RuntimeInfo;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.Latency;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.probe.ChannelSums;
import org.prunelab.runtime.probe.ClassMeans;
import org.prunelab.runtime.probe.LayerStatistic;
import org.prunelab.runtime.probe.ProbePass;
import org.prunelab.runtime.probe.TaylorSums;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.TrainingSettings;

import ai.djl.ndarray.NDManager;

/**
 * The runtime benchmark of docs/BENCHMARKS.md: training and inference throughput of the small VGG on
 * Fashion-MNIST (and of the same net in PyTorch), probe-pass cost over a forward pass, surgery time of
 * VGG-16-BN, latency. Run by benchmarks/run-runtime.sh; prints a Markdown table.
 */
public final class RuntimeBenchmark {

    private static final List<Integer> WIDTHS = List.of(32, 32, 64, 64);
    private static final int TRAIN_BATCHES = 200;

    private RuntimeBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args IDX folder, native cache, threads, PyTorch result JSON (or "-")
     * @throws IOException if the data cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path idx = Path.of(args[0]);
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        String torchJson = args.length > 3 && !args[3].equals("-") ? Files.readString(Path.of(args[3])).strip() : null;
        RuntimeInfo info = runtime.info();
        ArrayDataset train = FashionMnist.train(idx);
        ArrayDataset test = FashionMnist.test(idx);
        Network small = Architectures.smallVgg("vgg-32-32-64-64", List.of(1, 28, 28), WIDTHS, 10);
        List<String> lines = new ArrayList<>();
        try (NDManager manager = runtime.newManager(); NetworkModel model = NetworkModel.initialize(small, manager, 1)) {
            // training throughput: 5 warm-up batches, then TRAIN_BATCHES timed ones
            ArrayDataset subset = prefix(train, (5 + TRAIN_BATCHES) * 128);
            ModelTraining.train(model, prefix(train, 5 * 128), null, Normalization.FASHION_MNIST,
                    TrainingSettings.adam(1, 1), new NullProgressMonitor());
            long start = System.nanoTime();
            ModelTraining.train(model, prefix(subset, TRAIN_BATCHES * 128), null, Normalization.FASHION_MNIST,
                    TrainingSettings.adam(1, 2), new NullProgressMonitor());
            double trainIps = TRAIN_BATCHES * 128 / seconds(start);

            double forward = forwardSeconds(model, test);
            forwardSeconds(model, test);
            forward = Math.min(forward, forwardSeconds(model, test));
            double inferIps = test.size() / forward;
            lines.add(row("small VGG 32-32-64-64, train, batch 128 (Adam)", fmt(trainIps) + " img/s"));
            lines.add(row("small VGG 32-32-64-64, inference, batch 128", fmt(inferIps) + " img/s"));
            if (torchJson != null) {
                double torchTrain = number(torchJson, "train_img_s");
                double torchInfer = number(torchJson, "inference_img_s");
                lines.add(row("same net in PyTorch " + string(torchJson, "torch") + ", train", fmt(torchTrain)
                        + " img/s (PruneLab / PyTorch = " + String.format(Locale.ROOT, "%.2f", trainIps / torchTrain) + ")"));
                lines.add(row("same net in PyTorch, inference", fmt(torchInfer) + " img/s (PruneLab / PyTorch = "
                        + String.format(Locale.ROOT, "%.2f", inferIps / torchInfer) + ")"));
            }

            // probe pass over the test set against a plain forward pass
            List<String> relus = List.of("relu1", "relu2", "relu3", "relu4");
            List<LayerStatistic> sums = new ArrayList<>();
            for (String layer : relus) {
                sums.add(new ChannelSums(layer));
            }
            // warm-up: the first pass also compiles the statistics' Java code
            ProbePass.run(model, test, Normalization.FASHION_MNIST, 128, sums, new NullProgressMonitor());
            double sumsOnly = best(() -> ProbePass.run(model, test, Normalization.FASHION_MNIST, 128, sums,
                    new NullProgressMonitor()));
            lines.add(row("probe pass, channel sums of 4 layers (APoZ, mean, L1) / forward",
                    String.format(Locale.ROOT, "%.2f× (%.2f s / %.2f s)", sumsOnly / forward, sumsOnly, forward)));
            List<LayerStatistic> activations = new ArrayList<>();
            for (String layer : relus) {
                activations.add(new ChannelSums(layer));
                activations.add(new ClassMeans(layer, 10));
            }
            double probe = best(() -> ProbePass.run(model, test, Normalization.FASHION_MNIST, 128, activations,
                    new NullProgressMonitor()));
            lines.add(row("probe pass, channel sums and class means with layer range (NetPrune) of 4 layers / forward",
                    String.format(Locale.ROOT, "%.2f× (%.2f s)", probe / forward, probe)));
            List<LayerStatistic> withTaylor = new ArrayList<>(activations);
            for (String layer : relus) {
                withTaylor.add(new TaylorSums(layer));
            }
            double taylor = best(() -> ProbePass.run(model, test, Normalization.FASHION_MNIST, 128, withTaylor,
                    new NullProgressMonitor()));
            lines.add(row("probe pass with Taylor gradients of 4 layers (adds a backward pass) / forward",
                    String.format(Locale.ROOT, "%.2f× (%.2f s)", taylor / forward, taylor)));

            Latency one = Latency.measure(model, 1, 20, 101);
            Latency many = Latency.measure(model, 64, 5, 31);
            lines.add(row("small VGG latency, batch 1 / 64 (median)", String.format(Locale.ROOT, "%.2f ms / %.1f ms",
                    one.medianMillis(), many.medianMillis())));
            try (NetworkModel half = Surgeon.apply(model, everyOther(small), manager)) {
                Latency halfOne = Latency.measure(half, 1, 20, 101);
                Latency halfMany = Latency.measure(half, 64, 5, 31);
                lines.add(row("same, 50 % of the filters of every layer removed", String.format(Locale.ROOT,
                        "%.2f ms / %.1f ms (params %d → %d)", halfOne.medianMillis(), halfMany.medianMillis(),
                        Complexity.of(small).parameters(), Complexity.of(half.network()).parameters())));
            }
        }
        Network vgg16 = Architectures.vgg16Bn(1, 10);
        try (NDManager manager = runtime.newManager(); NetworkModel model = NetworkModel.initialize(vgg16, manager, 1)) {
            PruningPlan plan = everyOther(vgg16);
            double[] times = new double[3];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                try (NetworkModel pruned = Surgeon.apply(model, plan, manager)) {
                    times[i] = seconds(start);
                }
            }
            Arrays.sort(times);
            lines.add(row("surgery of VGG-16-BN (14.7 M params) at 50 % of every layer (median of 3)",
                    String.format(Locale.ROOT, "%.0f ms", times[1] * 1000)));
        }
        System.out.println("| what | result |");
        System.out.println("|---|---|");
        lines.forEach(System.out::println);
        System.out.println();
        System.out.printf(Locale.ROOT, "DJL %s, libtorch %s, %d intra-op / %d inter-op threads, %d cores, Java %s%n",
                info.djlVersion(), info.libtorchVersion(), info.threads(), info.interopThreads(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"));
    }

    private static PruningPlan everyOther(Network network) {
        Map<String, List<Integer>> kept = new TreeMap<>();
        for (ChannelGroup group : ChannelGroups.of(network).groups()) {
            List<Integer> half = new ArrayList<>();
            for (int c = 0; c < group.channels(); c += 2) {
                half.add(c);
            }
            kept.put(group.id(), half);
        }
        return new PruningPlan(kept);
    }

    private static double forwardSeconds(NetworkModel model, ArrayDataset data) {
        long start = System.nanoTime();
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = Batches.inOrder(data, 128, Normalization.FASHION_MNIST).iterator(scope);
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    Executor.logits(model, batch.images(), false).toFloatArray();
                }
            }
        }
        return seconds(start);
    }

    private static double best(Runnable run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            run.run();
            best = Math.min(best, seconds(start));
        }
        return best;
    }

    private static ArrayDataset prefix(ArrayDataset data, int n) {
        int size = data.imageSize();
        byte[] pixels = new byte[n * size];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.bytes(i), 0, pixels, i * size, size);
            labels[i] = (byte) data.label(i);
        }
        return new ArrayDataset(data.name() + " (first " + n + ")", data.classNames(), data.imageShape(), pixels, labels);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String row(String what, String result) {
        return "| " + what + " | " + result + " |";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static double number(String json, String key) {
        String rest = json.substring(json.indexOf("\"" + key + "\"") + key.length() + 3).strip();
        return Double.parseDouble(rest.split("[,}]")[0].strip());
    }

    private static String string(String json, String key) {
        String rest = json.substring(json.indexOf("\"" + key + "\"") + key.length() + 3).strip();
        return rest.substring(1, rest.indexOf('"', 1));
    }
}
