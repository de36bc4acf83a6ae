package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * One layer's output for one batch, with the reductions statistics share computed once: several
 * statistics of a layer cost one pass over the activations per reduction, not one per statistic.
 */
public final class LayerBatch {

    private final NDArray activation;
    private final NDArray gradient;
    private final NDArray labelArray;
    private final int[] indices;
    private int[] labels;
    private float[] spatialSums;
    private float[] spatialAbsoluteSums;
    private float[] nearZeroCounts;
    private double min = Double.NaN;
    private double max = Double.NaN;

    /**
     * Wraps a batch.
     *
     * @param activation the layer's output, [batch, channels, height, width] or [batch, features]
     * @param gradient the gradient of the summed loss with respect to it, or null
     * @param labels [batch] int32 classes
     * @param indices the dataset index of each sample of the batch
     * @throws IllegalArgumentException if there are not as many indices as samples
     */
    public LayerBatch(NDArray activation, NDArray gradient, NDArray labels, int[] indices) {
        this.activation = activation;
        this.gradient = gradient;
        this.labelArray = labels;
        this.indices = indices.clone();
        if (indices.length != activation.getShape().get(0)) {
            throw new IllegalArgumentException(indices.length + " sample indices for a batch of "
                    + activation.getShape().get(0));
        }
    }

    /**
     * Which samples of the dataset the batch holds, for statistics that remember samples.
     *
     * @return the dataset index of each sample, in batch order
     */
    public int[] indices() {
        return indices.clone();
    }

    /**
     * The layer's output.
     *
     * @return the activation array (freed after the batch)
     */
    public NDArray activation() {
        return activation;
    }

    /**
     * The gradient, for statistics that asked for one.
     *
     * @return d(summed cross-entropy)/d activation, or null
     */
    public NDArray gradient() {
        return gradient;
    }

    /**
     * The labels as an array.
     *
     * @return [batch] int32
     */
    public NDArray labelArray() {
        return labelArray;
    }

    /**
     * The labels.
     *
     * @return one class per sample
     */
    public int[] labels() {
        if (labels == null) {
            labels = labelArray.toIntArray();
        }
        return labels;
    }

    /**
     * Samples in the batch.
     *
     * @return N
     */
    public int samples() {
        return (int) activation.getShape().get(0);
    }

    /**
     * Channels (or features) of the layer.
     *
     * @return C
     */
    public int channels() {
        return (int) activation.getShape().get(1);
    }

    /**
     * Positions per channel.
     *
     * @return H·W for a map, 1 for a vector
     */
    public int positions() {
        return (int) (activation.size() / ((long) samples() * channels()));
    }

    /**
     * Per sample and channel, the sum over positions.
     *
     * @return [N·C], sample-major
     */
    public float[] spatialSums() {
        if (spatialSums == null) {
            spatialSums = positions() == 1 ? activation.toFloatArray() : activation.sum(new int[] {2, 3}).toFloatArray();
        }
        return spatialSums;
    }

    /**
     * Per sample and channel, the sum of absolute values over positions.
     *
     * @return [N·C], sample-major
     */
    public float[] spatialAbsoluteSums() {
        if (spatialAbsoluteSums == null) {
            // after a ReLU every value is >= 0: the plain sums are the absolute ones, and one pass is saved
            spatialAbsoluteSums = min() >= 0 ? spatialSums()
                    : positions() == 1 ? activation.abs().toFloatArray()
                            : activation.abs().sum(new int[] {2, 3}).toFloatArray();
        }
        return spatialAbsoluteSums;
    }

    /**
     * Per sample and channel, how many values are below a threshold.
     *
     * @return [N·C], sample-major
     */
    public float[] nearZeroCounts() {
        if (nearZeroCounts == null) {
            // summing the boolean mask directly saves converting it to floats first
            NDArray below = activation.lt(ChannelSums.NEAR_ZERO);
            NDArray counts = positions() == 1 ? below : below.sum(new int[] {2, 3});
            nearZeroCounts = counts.toType(DataType.FLOAT32, false).toFloatArray();
        }
        return nearZeroCounts;
    }

    /**
     * The smallest value.
     *
     * @return min over the batch
     */
    public double min() {
        if (Double.isNaN(min)) {
            min = activation.min().getFloat();
        }
        return min;
    }

    /**
     * The largest value.
     *
     * @return max over the batch
     */
    public double max() {
        if (Double.isNaN(max)) {
            max = activation.max().getFloat();
        }
        return max;
    }
}
