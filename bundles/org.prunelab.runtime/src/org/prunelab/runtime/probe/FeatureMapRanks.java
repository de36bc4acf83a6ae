package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;

/**
 * The mean rank of each channel's H×W feature map over samples (HRank, Lin et al. 2020). Ranks are
 * computed by Gaussian elimination with partial pivoting; an entry counts as zero below
 * {@code max(H, W) · max|entry| · 1e-6}, as single-precision rank estimates do. Only the first
 * {@code maxSamples} samples are used: HRank's ranks settle after a few hundred images.
 */
public final class FeatureMapRanks extends AbstractLayerStatistic {

    private final int maxSamples;
    private double[] rankSum;
    private int samples;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer (its output must be a feature map)
     * @param maxSamples samples after which further batches are ignored
     */
    public FeatureMapRanks(String layer, int maxSamples) {
        super(layer, false);
        this.maxSamples = maxSamples;
    }

    @Override
    public void accept(LayerBatch batch) {
        NDArray activation = batch.activation();
        if (activation.getShape().dimension() != 4) {
            throw new IllegalArgumentException("feature-map rank needs a feature map; layer " + layer() + " gives "
                    + activation.getShape());
        }
        int count = (int) Math.min(activation.getShape().get(0), maxSamples - samples);
        if (count <= 0) {
            return;
        }
        int channels = (int) activation.getShape().get(1);
        int height = (int) activation.getShape().get(2);
        int width = (int) activation.getShape().get(3);
        float[] values = activation.get(":" + count).toFloatArray();
        if (rankSum == null) {
            rankSum = new double[channels];
        }
        double[] matrix = new double[height * width];
        for (int n = 0; n < count; n++) {
            for (int f = 0; f < channels; f++) {
                int base = (n * channels + f) * height * width;
                for (int i = 0; i < matrix.length; i++) {
                    matrix[i] = values[base + i];
                }
                rankSum[f] += rank(matrix, height, width);
            }
        }
        samples += count;
    }

    @Override
    public void combine(LayerStatistic other) {
        FeatureMapRanks o = Shapes.same(this, other, FeatureMapRanks.class);
        if (o.rankSum == null) {
            return;
        }
        if (rankSum == null) {
            rankSum = new double[o.rankSum.length];
        }
        for (int f = 0; f < rankSum.length; f++) {
            rankSum[f] += o.rankSum[f];
        }
        samples += o.samples;
    }

    /**
     * Mean rank per channel.
     *
     * @return Σ rank / samples
     */
    public double[] meanRank() {
        double[] mean = new double[rankSum.length];
        for (int f = 0; f < mean.length; f++) {
            mean[f] = rankSum[f] / samples;
        }
        return mean;
    }

    /**
     * Samples whose maps were ranked.
     *
     * @return at most maxSamples
     */
    public int samples() {
        return samples;
    }

    /**
     * The numerical rank of a row-major matrix; overwrites it.
     *
     * @param a the matrix, rows × columns
     * @param rows its rows
     * @param columns its columns
     * @return the rank
     */
    static int rank(double[] a, int rows, int columns) {
        double largest = 0;
        for (double v : a) {
            largest = Math.max(largest, Math.abs(v));
        }
        if (largest == 0) {
            return 0;
        }
        double tolerance = Math.max(rows, columns) * largest * 1e-6;
        int rank = 0;
        for (int col = 0; col < columns && rank < rows; col++) {
            int pivot = rank;
            for (int r = rank + 1; r < rows; r++) {
                if (Math.abs(a[r * columns + col]) > Math.abs(a[pivot * columns + col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot * columns + col]) <= tolerance) {
                continue;
            }
            if (pivot != rank) {
                for (int c = 0; c < columns; c++) {
                    double t = a[pivot * columns + c];
                    a[pivot * columns + c] = a[rank * columns + c];
                    a[rank * columns + c] = t;
                }
            }
            for (int r = rank + 1; r < rows; r++) {
                double factor = a[r * columns + col] / a[rank * columns + col];
                if (factor != 0) {
                    for (int c = col; c < columns; c++) {
                        a[r * columns + c] -= factor * a[rank * columns + c];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
