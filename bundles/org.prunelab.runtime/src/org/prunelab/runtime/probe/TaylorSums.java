package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;

/**
 * First-order Taylor importance (Molchanov et al. 2017) per channel, {@code |mean over samples and
 * positions of (∂L/∂z)·z|}, over the whole data and per batch: the spread of the per-batch values gives
 * CNNPruner's instability (coefficient of variation). Observed on a convolution's own output y, the sums
 * give the Taylor importance of its weights: the convolution is linear in them, so
 * {@code Σ_w w·∂L/∂w = Σ (y − b)·∂L/∂y} over samples and positions.
 */
public final class TaylorSums extends AbstractLayerStatistic {

    private double[] signedSum;
    /** Σ ∂L/∂y per channel, kept only for the Taylor importance of a convolution's weights. */
    private final boolean sumsGradients;
    private double[] gradientSum;
    private double[] batchSum;
    private double[] batchSquares;
    private long count;
    private int batches;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer
     */
    public TaylorSums(String layer) {
        this(layer, false);
    }

    private TaylorSums(String layer, boolean sumsGradients) {
        super(layer, true);
        this.sumsGradients = sumsGradients;
    }

    /**
     * Creates an empty statistic of a convolution's own output that also sums the gradients, for
     * {@link #weightImportance}.
     *
     * @param conv the convolution
     * @return the statistic
     */
    public static TaylorSums ofWeights(String conv) {
        return new TaylorSums(conv, true);
    }

    @Override
    public void accept(LayerBatch batch) {
        NDArray activation = batch.activation();
        int[] reduce = Shapes.allButChannel(activation);
        float[] sums = activation.mul(batch.gradient()).sum(reduce).toFloatArray();
        // one reduction more per batch, only where a weight importance needs it
        float[] gradients = sumsGradients ? batch.gradient().sum(reduce).toFloatArray() : null;
        long perChannel = activation.size() / sums.length;
        if (signedSum == null) {
            signedSum = new double[sums.length];
            gradientSum = new double[sums.length];
            batchSum = new double[sums.length];
            batchSquares = new double[sums.length];
        }
        for (int f = 0; f < sums.length; f++) {
            signedSum[f] += sums[f];
            if (gradients != null) {
                gradientSum[f] += gradients[f];
            }
            double t = Math.abs(sums[f]) / perChannel;
            batchSum[f] += t;
            batchSquares[f] += t * t;
        }
        count += perChannel;
        batches++;
    }

    @Override
    public void combine(LayerStatistic other) {
        TaylorSums o = Shapes.same(this, other, TaylorSums.class);
        if (o.signedSum == null) {
            return;
        }
        if (signedSum == null) {
            signedSum = new double[o.signedSum.length];
            gradientSum = new double[o.signedSum.length];
            batchSum = new double[o.signedSum.length];
            batchSquares = new double[o.signedSum.length];
        }
        for (int f = 0; f < signedSum.length; f++) {
            signedSum[f] += o.signedSum[f];
            if (sumsGradients && o.sumsGradients) {
                gradientSum[f] += o.gradientSum[f];
            }
            batchSum[f] += o.batchSum[f];
            batchSquares[f] += o.batchSquares[f];
        }
        count += o.count;
        batches += o.batches;
    }

    /**
     * Taylor importance over all data.
     *
     * @return |Σ a·g| / (N·H·W) per channel
     */
    public double[] importance() {
        double[] importance = new double[signedSum.length];
        for (int f = 0; f < importance.length; f++) {
            importance[f] = Math.abs(signedSum[f]) / count;
        }
        return importance;
    }

    /**
     * The Taylor importance of a convolution's weights, observed on its output:
     * {@code |Σ_w w·∂L/∂w| = |Σ (y − b)·∂L/∂y|} per filter, over all data.
     *
     * @param bias the convolution's bias, or null without one
     * @return one value per filter
     * @throws IllegalStateException for a convolution with a bias if the statistic was not made by
     *             {@link #ofWeights}
     */
    public double[] weightImportance(float[] bias) {
        if (bias != null && !sumsGradients) {
            throw new IllegalStateException("the gradients of " + layer() + " were not summed: see ofWeights");
        }
        double[] importance = new double[signedSum.length];
        for (int f = 0; f < importance.length; f++) {
            importance[f] = Math.abs(signedSum[f] - (bias == null ? 0 : bias[f] * gradientSum[f]));
        }
        return importance;
    }

    /**
     * Coefficient of variation of the per-batch Taylor importance: σ / μ over batches (0 where μ = 0).
     *
     * @return instability per channel
     */
    public double[] instability() {
        double[] cv = new double[batchSum.length];
        for (int f = 0; f < cv.length; f++) {
            double mean = batchSum[f] / batches;
            double variance = Math.max(0, batchSquares[f] / batches - mean * mean);
            cv[f] = mean > 0 ? Math.sqrt(variance) / mean : 0;
        }
        return cv;
    }

    /**
     * Batches accumulated.
     *
     * @return the number of batches
     */
    public int batches() {
        return batches;
    }
}
