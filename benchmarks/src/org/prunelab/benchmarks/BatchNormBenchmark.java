package org.prunelab.benchmarks;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.internal.TorchRuntime;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.BatchNormStatistics;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.ndarray.NDManager;

/**
 * What re-estimating the batch norms costs: {@link BatchNormStatistics#reestimate} on the training images
 * pruning uses by default (4 000, spread over the set, batches of 128), against one evaluation of the same
 * images, for the demo's base and two of its pruned versions: the best of 7 runs of each, the two taking turns
 * after a warm-up, so that other work on the machine slows neither more than the other.
 * <p>
 * usage: BatchNormBenchmark FASHION_MNIST_DIR NATIVES THREADS DEMO_MODEL_DIR VERSION...
 */
public final class BatchNormBenchmark {

    private static final int RUNS = 7;

    private BatchNormBenchmark() {
    }

    public static void main(String[] args) {
        Dataset images = Subsets.spread(FashionMnist.train(Path.of(args[0])), PruningService.BATCH_NORM_IMAGES);
        TorchRuntime runtime = new TorchRuntime(new RuntimeSettings(Path.of(args[1]), Integer.parseInt(args[2])));
        Normalization norm = Normalization.FASHION_MNIST;
        System.out.println("| version | parameters | images | re-estimation | evaluation | re-estimation / evaluation |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (String version : Arrays.copyOfRange(args, 4, args.length)) {
            try (NDManager manager = runtime.newManager();
                    NetworkModel model = ModelFiles.load(Path.of(args[3]).resolve(version), manager)) {
                Runnable reestimate = () -> BatchNormStatistics.reestimate(model, images, norm,
                        PruningService.BATCH_SIZE, PruningService.BATCH_NORM_SEED, null);
                Runnable evaluate = () -> ModelTraining.evaluate(model, images, norm, PruningService.BATCH_SIZE, null);
                reestimate.run();
                evaluate.run();
                double reestimation = Double.MAX_VALUE;
                double evaluation = Double.MAX_VALUE;
                for (int i = 0; i < RUNS; i++) {
                    reestimation = Math.min(reestimation, seconds(reestimate));
                    evaluation = Math.min(evaluation, seconds(evaluate));
                }
                long parameters = Complexity.of(model.network()).parameters();
                System.out.println(String.format(Locale.ROOT, "| %s | %,d | %d | %.2f s | %.2f s | %.2f× |", version,
                        parameters, images.size(), reestimation, evaluation, reestimation / evaluation));
            }
        }
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
