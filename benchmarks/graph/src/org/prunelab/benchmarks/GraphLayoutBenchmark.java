package org.prunelab.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.graph.LayerGraph;
import org.prunelab.ui.graph.LayerGraphLayout;

/**
 * The model graph benchmark of docs/BENCHMARKS.md: how long ELK layered takes to lay out the networks the
 * Model Graph view draws, the same call the view's job makes. Run by benchmarks/run-graph.sh; prints a
 * Markdown table.
 */
public final class GraphLayoutBenchmark {

    /** Layouts of every network before timing, so the JIT has compiled ELK's hot paths. */
    private static final int WARM_UP = 40;

    /** Timed layouts of each network. */
    private static final int RUNS = 60;

    /**
     * Box sizes close to the view's with its default font: four lines for convolutions and linear layers
     * (title, shape, kept filters, parameters), two for the others.
     */
    private static final Function<Layer, LayerGraphLayout.Size> BOXES = layer -> new LayerGraphLayout.Size(200,
            layer.op() instanceof Op.Conv2d || layer.op() instanceof Op.Linear ? 70 : 38);

    private GraphLayoutBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args none
     */
    public static void main(String[] args) {
        List<Network> networks = List.of(Architectures.smallVgg("small-vgg", List.of(1, 28, 28),
                List.of(32, 32, 64, 64), 10), Architectures.vgg16Bn(1.0, 10), Architectures.resnet20(10),
                Architectures.resnet56(10));
        // the first layout of a session also loads ELK's classes and registers the algorithm
        long coldStart = System.nanoTime();
        LayerGraphLayout.layout(networks.get(1), BOXES, null);
        double coldMillis = (System.nanoTime() - coldStart) / 1e6;
        for (int i = 0; i < WARM_UP; i++) {
            for (Network network : networks) {
                LayerGraphLayout.layout(network, BOXES, null);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("| network | layers | edges (residual) | drawing | median | 90th percentile | min |");
        lines.add("|---|---|---|---|---|---|---|");
        for (Network network : networks) {
            double[] millis = new double[RUNS];
            LayerGraph graph = null;
            for (int r = 0; r < RUNS; r++) {
                long start = System.nanoTime();
                graph = LayerGraphLayout.layout(network, BOXES, null);
                millis[r] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            lines.add(String.format(Locale.ROOT,
                    "| %s | %d | %d (%d) | %.0f × %.0f px | %.1f ms | %.1f ms | %.1f ms |",
                    network.name(), network.layers().size(), graph.edges().size(), graph.shortcuts().size(),
                    graph.width(), graph.height(), percentile(millis, 0.5), percentile(millis, 0.9), millis[0]));
        }
        System.out.println(String.format(Locale.ROOT, "ELK layered 0.12.1, %d warm-up rounds, median of %d runs each;"
                + " Java %s, %d cores", WARM_UP, RUNS, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors()));
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "First layout in a fresh JVM (VGG-16-BN, class loading included):"
                + " %.0f ms", coldMillis));
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
