package org.prunelab.runtime.training;

/**
 * A model whose outputs (logits) are NaN or infinite: its weights are corrupt or diverged, so it has no
 * meaningful accuracy. Evaluation throws this instead of reporting the chance-level figure that argmax
 * over NaN would give.
 */
public class NonFiniteLogitsException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int firstSample;

    /**
     * Creates the exception.
     *
     * @param network the network's name
     * @param dataset the dataset's name
     * @param firstSample the index of the first sample of the batch whose logits are not finite
     * @param lastSample the index of its last sample
     */
    public NonFiniteLogitsException(String network, String dataset, int firstSample, int lastSample) {
        super("network " + network + " gives NaN or infinite logits on " + dataset + " (samples " + firstSample + " to "
                + lastSample + "): its weights are corrupt or training diverged, so no accuracy can be reported");
        this.firstSample = firstSample;
    }

    /**
     * Where the non-finite logits were found.
     *
     * @return the dataset index of the first sample of that batch
     */
    public int firstSample() {
        return firstSample;
    }
}
