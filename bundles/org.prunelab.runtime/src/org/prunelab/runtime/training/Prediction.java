package org.prunelab.runtime.training;

/**
 * What the model said about one sample.
 *
 * @param index the sample's index in the dataset
 * @param label its true class
 * @param predicted the class with the highest score
 * @param confidence the softmax probability of the predicted class
 */
public record Prediction(int index, int label, int predicted, float confidence) {

    /**
     * Whether the prediction is right.
     *
     * @return predicted == label
     */
    public boolean correct() {
        return predicted == label;
    }
}
