package org.prunelab.runtime.training;

/**
 * Training or fine-tuning that diverged: the loss (or a weight) became NaN or infinite. Thrown at the
 * batch where it happens, so that no diverged model is ever stored; the usual cure is a lower learning
 * rate.
 */
public class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /**
     * Creates the exception.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within the epoch, from 1
     * @param problem what became non-finite, e.g. "the loss is NaN"
     * @param learningRate the learning rate of the run, suggested to be lowered
     */
    public TrainingDivergedException(int epoch, int batch, String problem, double learningRate) {
        super("training diverged in epoch " + epoch + ", batch " + batch + ": " + problem
                + "; the model was not kept. Train again with a lower learning rate (this run used " + learningRate
                + ")");
        this.epoch = epoch;
        this.batch = batch;
    }

    /**
     * The epoch in which training diverged.
     *
     * @return the epoch, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The batch at which training diverged.
     *
     * @return the batch within the epoch, from 1
     */
    public int batch() {
        return batch;
    }
}
