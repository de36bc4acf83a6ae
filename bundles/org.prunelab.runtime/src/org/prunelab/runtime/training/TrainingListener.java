package org.prunelab.runtime.training;

/**
 * Watches a training as it goes, for a view that draws its curves before the model is stored. It is told
 * what the training reads anyway (the loss and the correct count of every batch are read for the epoch's
 * means), so watching costs the training nothing on the native side. The calls come on the training's
 * thread, between batches: an implementation returns at once (it hands the figures on, it does not draw
 * them) and throws nothing, since an exception stops the training.
 */
public interface TrainingListener {

    /** Watches nothing: for callers that only want the history returned at the end. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * Called once, before the first batch.
     *
     * @param epochs the epochs planned
     * @param batchesPerEpoch the batches of each epoch
     * @param validationSamples the samples measured after each epoch, 0 without a validation set
     */
    default void started(int epochs, int batchesPerEpoch, int validationSamples) {
    }

    /**
     * Called every {@link ModelTraining#batchesPerReport few batches} and after an epoch's last batch, in
     * order; the report after the last batch holds the epoch's training loss and accuracy exactly as its
     * {@link EpochRecord} does.
     *
     * @param progress the running means over the epoch's batches so far
     */
    default void progressed(BatchProgress progress) {
    }

    /**
     * Called after each epoch, its validation included, with the record the returned history holds.
     *
     * @param epoch the epoch's record
     */
    default void epochFinished(EpochRecord epoch) {
    }
}
