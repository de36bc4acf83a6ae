package org.prunelab.runtime.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One batch: its arrays live in a manager of their own, closed with the batch.
 *
 * @param manager the batch's manager; results computed from the batch are attached to it
 * @param images [batch, channels, height, width], normalised
 * @param labels [batch] int32 class labels
 * @param indices the dataset indices of the samples
 */
public record Batch(NDManager manager, NDArray images, NDArray labels, int[] indices) implements AutoCloseable {

    /**
     * The number of samples.
     *
     * @return the batch size
     */
    public int size() {
        return indices.length;
    }

    @Override
    public void close() {
        manager.close();
    }
}
