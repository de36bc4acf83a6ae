package org.prunelab.core.versions;

/**
 * What a version achieves and costs.
 *
 * @param accuracy test accuracy
 * @param loss test cross-entropy
 * @param perClassAccuracy test accuracy per class
 * @param confusion test confusion matrix (row = true class)
 * @param parameters trained parameters
 * @param flops FLOPs of one sample (2 × MACs)
 * @param latencyMillis1 median forward time at batch 1
 * @param latencyMillis64 median forward time at batch 64
 * @param threads libtorch threads during the latency measurement
 * @param bytes size of the saved network and weights
 */
public record Evaluation(double accuracy, double loss, double[] perClassAccuracy, int[][] confusion, long parameters,
        long flops, double latencyMillis1, double latencyMillis64, int threads, long bytes) {
}
