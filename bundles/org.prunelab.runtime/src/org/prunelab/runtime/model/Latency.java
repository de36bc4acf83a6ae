package org.prunelab.runtime.model;

import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Measured inference latency: what a smaller network actually buys, as opposed to counted FLOPs.
 *
 * @param batchSize samples per forward pass
 * @param medianMillis median wall time of one forward pass
 * @param minMillis fastest pass
 * @param runs timed passes (after the warm-up)
 * @param threads libtorch's intra-op threads during the measurement
 */
public record Latency(int batchSize, double medianMillis, double minMillis, int runs, int threads) {

    /**
     * Times forward passes of a batch of zeros (inference mode) after a warm-up.
     *
     * @param model the model
     * @param batchSize samples per pass, e.g. 1 and 64
     * @param warmup untimed passes first
     * @param runs timed passes
     * @return the median and the fastest time
     */
    public static Latency measure(NetworkModel model, int batchSize, int warmup, int runs) {
        if (runs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("runs and batch size must be positive");
        }
        List<Integer> s = model.network().inputShape();
        double[] millis = new double[runs];
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray input = scope.zeros(new Shape(batchSize, s.get(0), s.get(1), s.get(2)));
            for (int i = 0; i < warmup + runs; i++) {
                try (NDManager pass = scope.newSubManager()) {
                    NDArray x = input.duplicate();
                    x.attach(pass);
                    long start = System.nanoTime();
                    // toFloatArray forces the computation to finish before the clock stops
                    Executor.logits(model, x, false).toFloatArray();
                    if (i >= warmup) {
                        millis[i - warmup] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        }
        Arrays.sort(millis);
        double median = runs % 2 == 1 ? millis[runs / 2] : (millis[runs / 2 - 1] + millis[runs / 2]) / 2;
        return new Latency(batchSize, median, millis[0], runs, JniUtils.getNumThreads());
    }
}
