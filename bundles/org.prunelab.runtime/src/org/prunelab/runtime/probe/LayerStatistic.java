package org.prunelab.runtime.probe;

import ai.djl.ndarray.NDArray;

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
     * @param activation the layer's output, [batch, channels, height, width] (or [batch, features])
     * @param gradient d(summed cross-entropy)/d activation, same shape; null unless {@link #needsGradient}
     * @param labels [batch] int32 true classes
     */
    void accept(NDArray activation, NDArray gradient, NDArray labels);

    /**
     * Merges the state of the same statistic accumulated over other data into this one; merging is
     * associative, so shards can be probed apart (threads, machines) and combined in any grouping.
     *
     * @param other a statistic of the same type and layer
     * @throws IllegalArgumentException if {@code other} is of another type, layer or shape
     */
    void combine(LayerStatistic other);
}
