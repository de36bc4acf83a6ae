package org.prunelab.runtime.probe;

/**
 * Per channel, over every sample and position: the sum of the activations, the sum of their absolute
 * values, how many are near zero, and how many there are. Mean activation, L1 of activations and APoZ
 * (Hu et al. 2016) follow from these.
 */
public final class ChannelSums extends AbstractLayerStatistic {

    /** Activations below this count as zero for APoZ. */
    public static final float NEAR_ZERO = 1e-4f;

    private double[] sum;
    private double[] absoluteSum;
    private long[] nearZero;
    private long perChannel;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer
     */
    public ChannelSums(String layer) {
        super(layer, false);
    }

    @Override
    public void accept(LayerBatch batch) {
        int channels = batch.channels();
        float[] s = batch.spatialSums();
        float[] a = batch.spatialAbsoluteSums();
        float[] z = batch.nearZeroCounts();
        if (sum == null) {
            sum = new double[channels];
            absoluteSum = new double[channels];
            nearZero = new long[channels];
        }
        for (int n = 0; n < batch.samples(); n++) {
            for (int f = 0; f < channels; f++) {
                sum[f] += s[n * channels + f];
                absoluteSum[f] += a[n * channels + f];
                nearZero[f] += Math.round(z[n * channels + f]);
            }
        }
        perChannel += (long) batch.samples() * batch.positions();
    }

    @Override
    public void combine(LayerStatistic other) {
        ChannelSums o = Shapes.same(this, other, ChannelSums.class);
        if (o.sum == null) {
            return;
        }
        if (sum == null) {
            sum = new double[o.sum.length];
            absoluteSum = new double[o.sum.length];
            nearZero = new long[o.sum.length];
        }
        for (int f = 0; f < sum.length; f++) {
            sum[f] += o.sum[f];
            absoluteSum[f] += o.absoluteSum[f];
            nearZero[f] += o.nearZero[f];
        }
        perChannel += o.perChannel;
    }

    /**
     * Mean activation per channel.
     *
     * @return sum / count
     */
    public double[] mean() {
        double[] mean = new double[channels()];
        for (int f = 0; f < mean.length; f++) {
            mean[f] = sum[f] / perChannel;
        }
        return mean;
    }

    /**
     * L1 norm of each channel's activations over the data.
     *
     * @return Σ|a|
     */
    public double[] absoluteSum() {
        return absoluteSum.clone();
    }

    /**
     * APoZ: the percentage of activations below {@link #NEAR_ZERO}, per channel.
     *
     * @return 100 · #(a &lt; 1e-4) / (N·H·W)
     */
    public double[] percentNearZero() {
        double[] apoz = new double[channels()];
        for (int f = 0; f < apoz.length; f++) {
            apoz[f] = 100.0 * nearZero[f] / perChannel;
        }
        return apoz;
    }

    /**
     * Values accumulated per channel.
     *
     * @return N·H·W so far
     */
    public long countPerChannel() {
        return perChannel;
    }

    private int channels() {
        if (sum == null) {
            throw new IllegalStateException("no batch was accumulated for layer " + layer());
        }
        return sum.length;
    }
}
