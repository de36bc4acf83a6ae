package org.prunelab.runtime.probe;

/**
 * Per class and channel, the mean over the class's samples of the channel's spatial mean, and the
 * layer's smallest and largest activation: NetPrune's {@code a_f(c)} before its per-layer min-max
 * normalisation, which {@link #normalizedMeans()} applies.
 */
public final class ClassMeans extends AbstractLayerStatistic {

    private final int classes;
    private double[][] sums;
    private long[] counts;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer
     * @param classes the number of classes
     */
    public ClassMeans(String layer, int classes) {
        super(layer, false);
        this.classes = classes;
        this.counts = new long[classes];
    }

    @Override
    public void accept(LayerBatch batch) {
        int channels = batch.channels();
        float[] spatial = batch.spatialSums();
        int[] labels = batch.labels();
        if (sums == null) {
            sums = new double[classes][channels];
        }
        double positions = batch.positions();
        for (int n = 0; n < labels.length; n++) {
            double[] row = sums[labels[n]];
            for (int f = 0; f < channels; f++) {
                row[f] += spatial[n * channels + f] / positions;
            }
            counts[labels[n]]++;
        }
        min = Math.min(min, batch.min());
        max = Math.max(max, batch.max());
    }

    @Override
    public void combine(LayerStatistic other) {
        ClassMeans o = Shapes.same(this, other, ClassMeans.class);
        if (o.sums == null) {
            return;
        }
        if (sums == null) {
            sums = new double[classes][o.sums[0].length];
        }
        for (int c = 0; c < classes; c++) {
            for (int f = 0; f < sums[c].length; f++) {
                sums[c][f] += o.sums[c][f];
            }
            counts[c] += o.counts[c];
        }
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    /**
     * Mean spatial-mean activation per class and channel.
     *
     * @return [classes][channels]; NaN for a class without samples
     */
    public double[][] means() {
        double[][] means = new double[classes][];
        for (int c = 0; c < classes; c++) {
            means[c] = new double[sums[c].length];
            for (int f = 0; f < means[c].length; f++) {
                means[c][f] = counts[c] == 0 ? Double.NaN : sums[c][f] / counts[c];
            }
        }
        return means;
    }

    /**
     * The means min-max normalised with the layer's smallest and largest activation, as NetPrune does.
     *
     * @return [classes][channels] in [0, 1]
     */
    public double[][] normalizedMeans() {
        double[][] means = means();
        double range = max - min;
        for (double[] row : means) {
            for (int f = 0; f < row.length; f++) {
                row[f] = range > 0 ? (row[f] - min) / range : 0;
            }
        }
        return means;
    }

    /**
     * Samples seen per class.
     *
     * @return counts by label
     */
    public long[] counts() {
        return counts.clone();
    }

    /**
     * The smallest activation seen.
     *
     * @return the layer's minimum
     */
    public double min() {
        return min;
    }

    /**
     * The largest activation seen.
     *
     * @return the layer's maximum
     */
    public double max() {
        return max;
    }
}
