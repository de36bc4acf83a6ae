package org.prunelab.runtime.training;

/**
 * How an epoch's training goes so far: the means over its batches trained until now, in training mode,
 * as its {@link EpochRecord} has them over all of its batches.
 *
 * @param epoch the epoch, from 1
 * @param batch the batches of the epoch trained so far, from 1
 * @param batches the batches of the epoch
 * @param trainLoss mean cross-entropy over the samples of those batches
 * @param trainAccuracy accuracy over the samples of those batches
 */
public record BatchProgress(int epoch, int batch, int batches, double trainLoss, double trainAccuracy) {

    /**
     * Where the training is on an axis of epochs: epoch 2 half done is 1.5, its end is 2.
     *
     * @return the epochs trained, fractional
     */
    public double position() {
        return epoch - 1 + (double) batch / batches;
    }
}
