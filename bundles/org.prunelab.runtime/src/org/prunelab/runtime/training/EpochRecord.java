package org.prunelab.runtime.training;

/**
 * What one epoch of training achieved.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss mean cross-entropy over the epoch's batches (in training mode)
 * @param trainAccuracy accuracy over the epoch's batches (in training mode)
 * @param validationLoss mean cross-entropy on the validation set after the epoch, NaN without one
 * @param validationAccuracy accuracy on the validation set after the epoch, NaN without one
 * @param seconds wall time of the epoch's training steps
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double seconds) {
}
