package org.prunelab.runtime.data;

import java.util.Collections;
import java.util.List;

/**
 * Per-channel standardisation of pixels in [0, 1]: (x − mean) / std.
 *
 * @param mean per channel
 * @param std per channel, positive
 */
public record Normalization(List<Double> mean, List<Double> std) {

    /** Fashion-MNIST's training-set statistics (PruneLab's split). */
    public static final Normalization FASHION_MNIST = new Normalization(List.of(0.2860), List.of(0.3530));

    /** CIFAR-10's training-set statistics. */
    public static final Normalization CIFAR10 = new Normalization(List.of(0.4914, 0.4822, 0.4465),
            List.of(0.2470, 0.2435, 0.2616));

    /** Checks the lists. */
    public Normalization {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size() || std.stream().anyMatch(s -> !(s > 0))) {
            throw new IllegalArgumentException("need one mean and one positive std per channel: " + mean + ", " + std);
        }
    }

    /**
     * Leaves pixels in [0, 1].
     *
     * @param channels the number of channels
     * @return mean 0, std 1
     */
    public static Normalization none(int channels) {
        return new Normalization(Collections.nCopies(channels, 0.0), Collections.nCopies(channels, 1.0));
    }

    /**
     * Measures a dataset's per-channel statistics.
     *
     * @param dataset the dataset (usually the training set)
     * @param maxSamples at most this many samples are read, evenly spread
     * @return its normalisation
     * @throws IllegalArgumentException if the dataset is empty
     */
    public static Normalization of(Dataset dataset, int maxSamples) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException(dataset.name() + " is empty");
        }
        int channels = dataset.imageShape().get(0);
        int plane = dataset.imageSize() / channels;
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        int samples = Math.min(maxSamples, dataset.size());
        float[] image = new float[dataset.imageSize()];
        for (int s = 0; s < samples; s++) {
            dataset.pixels((int) ((long) s * dataset.size() / samples), image, 0);
            for (int c = 0; c < channels; c++) {
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    sum[c] += image[i];
                    squares[c] += image[i] * image[i];
                }
            }
        }
        Double[] mean = new Double[channels];
        Double[] std = new Double[channels];
        double n = (double) samples * plane;
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / n;
            std[c] = Math.max(1e-6, Math.sqrt(Math.max(0, squares[c] / n - mean[c] * mean[c])));
        }
        return new Normalization(List.of(mean), List.of(std));
    }

    /**
     * Standardises one image in place.
     *
     * @param image C·H·W values
     * @param offset where the image starts
     * @param plane H·W
     */
    public void apply(float[] image, int offset, int plane) {
        for (int c = 0; c < mean.size(); c++) {
            float m = mean.get(c).floatValue();
            float inv = (float) (1 / std.get(c));
            for (int i = offset + c * plane; i < offset + (c + 1) * plane; i++) {
                image[i] = (image[i] - m) * inv;
            }
        }
    }
}
