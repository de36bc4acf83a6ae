package org.prunelab.runtime.probe;

/**
 * A statistic of one layer's output, accumulated batch by batch.
 * <p>
 * Implementations reduce each batch with NDArray operations and keep only a fixed-size summary (Java
 * arrays), never the batch's arrays, which are freed after the batch.
 */
public interface LayerStatistic {

    /**
     * The layer whose output is observed.
     *
     * @return a layer id of the probed network
     */
    String layer();

    /**
     * Whether {@link #accept} needs the gradient of the loss with respect to the layer's output.
     *
     * @return true to have the pass run backward
     */
    boolean needsGradient();

    /**
     * Adds one batch.
     *
     * @param batch the layer's output (and gradient, if asked for) with shared reductions
     */
    void accept(LayerBatch batch);

    /**
     * Merges the state of the same statistic accumulated over other data into this one; merging is
     * associative, so shards can be probed apart (threads, machines) and combined in any grouping.
     *
     * @param other a statistic of the same type and layer
     * @throws IllegalArgumentException if {@code other} is of another type, layer or shape
     */
    void combine(LayerStatistic other);
}
