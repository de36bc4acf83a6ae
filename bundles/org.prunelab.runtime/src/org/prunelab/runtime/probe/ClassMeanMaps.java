package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Per class, the mean activation map of every channel, {@code M_c^f}: NetPrune's discriminability is
 * computed from these. The state is classes × channels × H × W, whatever the dataset's size.
 */
public final class ClassMeanMaps extends AbstractLayerStatistic {

    private final int classes;
    private double[] sums;
    private long[] counts;
    private Shape mapShape;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    /**
     * Creates an empty statistic.
     *
     * @param layer the observed layer (its output must be a feature map)
     * @param classes the number of classes
     */
    public ClassMeanMaps(String layer, int classes) {
        super(layer, false);
        this.classes = classes;
        this.counts = new long[classes];
    }

    @Override
    public void accept(LayerBatch batch) {
        NDArray activation = batch.activation();
        Shape shape = activation.getShape();
        if (shape.dimension() != 4) {
            throw new IllegalArgumentException("class mean maps need a feature map; layer " + layer() + " gives " + shape);
        }
        long samples = shape.get(0);
        NDArray oneHot = batch.labelArray().oneHot(classes).toType(DataType.FLOAT32, false);
        float[] perClass = oneHot.transpose().matMul(activation.reshape(samples, -1)).toFloatArray();
        if (sums == null) {
            mapShape = new Shape(shape.get(1), shape.get(2), shape.get(3));
            sums = new double[perClass.length];
        }
        for (int i = 0; i < perClass.length; i++) {
            sums[i] += perClass[i];
        }
        for (int label : batch.labels()) {
            counts[label]++;
        }
        min = Math.min(min, batch.min());
        max = Math.max(max, batch.max());
    }

    @Override
    public void combine(LayerStatistic other) {
        ClassMeanMaps o = Shapes.same(this, other, ClassMeanMaps.class);
        if (o.sums == null) {
            return;
        }
        if (sums == null) {
            sums = new double[o.sums.length];
            mapShape = o.mapShape;
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] += o.sums[i];
        }
        for (int c = 0; c < classes; c++) {
            counts[c] += o.counts[c];
        }
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    /**
     * The smallest activation seen, for NetPrune's per-layer min-max normalisation.
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

    /**
     * The mean map of a class and channel.
     *
     * @param c the class
     * @param f the channel
     * @return H·W values, row-major; NaN if the class had no samples
     */
    public double[] map(int c, int f) {
        int plane = (int) (mapShape.get(1) * mapShape.get(2));
        int channels = (int) mapShape.get(0);
        double[] map = new double[plane];
        for (int i = 0; i < plane; i++) {
            map[i] = counts[c] == 0 ? Double.NaN : sums[(c * channels + f) * plane + i] / counts[c];
        }
        return map;
    }

    /**
     * The shape of one class's maps.
     *
     * @return [channels, height, width]
     */
    public Shape mapShape() {
        return mapShape;
    }

    /**
     * Samples seen per class.
     *
     * @return counts by label
     */
    public long[] counts() {
        return counts.clone();
    }
}
