package org.prunelab.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.onnx.OnnxExport;
import org.prunelab.runtime.onnx.OnnxImport;

import ai.djl.ndarray.NDManager;

/**
 * ONNX export and import of VGG-16-BN (15 M parameters): the wall time of writing the model to an .onnx
 * file and of reading it back into a model (weights in native memory), median of five, after one warm-up.
 *
 * <p>Arguments: natives directory, threads, scratch directory.
 */
public final class OnnxBenchmark {

    private OnnxBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[0]), Integer.parseInt(args[1])));
        Path file = Path.of(args[2]).resolve("vgg16-bn.onnx");
        int runs = 5;
        double[] export = new double[runs];
        double[] load = new double[runs];
        try (NDManager manager = runtime.newManager();
                NetworkModel vgg = NetworkModel.initialize(Architectures.vgg16Bn(1, 10), manager, 1)) {
            long parameters = vgg.parameters().values().stream().mapToLong(a -> a.size()).sum();
            for (int i = -1; i < runs; i++) {
                long start = System.nanoTime();
                OnnxExport.write(vgg, file);
                long written = System.nanoTime();
                try (NetworkModel back = OnnxImport.load(file, manager)) {
                    long read = System.nanoTime();
                    if (i >= 0) {
                        export[i] = (written - start) / 1e9;
                        load[i] = (read - written) / 1e9;
                    }
                }
            }
            Arrays.sort(export);
            Arrays.sort(load);
            System.out.printf(Locale.ROOT, "| model | parameters (incl. BN statistics) | file | export | import |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|---|%n");
            System.out.printf(Locale.ROOT, "| VGG-16-BN, 32×32 | %,d | %.1f MB | %.2f s | %.2f s |%n", parameters,
                    Files.size(file) / 1e6, export[runs / 2], load[runs / 2]);
        }
    }
}
