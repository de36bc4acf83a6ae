package org.prunelab.runtime.training;

import java.util.List;

/**
 * A model's performance on a dataset.
 *
 * @param accuracy fraction of correct predictions
 * @param loss mean cross-entropy
 * @param perClassAccuracy accuracy on the samples of each true class (NaN for a class without samples)
 * @param confusion counts: row = true class, column = predicted class
 * @param predictions one per sample, in dataset order
 */
public record EvaluationResult(double accuracy, double loss, double[] perClassAccuracy, int[][] confusion,
        List<Prediction> predictions) {

    /** Copies the prediction list. */
    public EvaluationResult {
        predictions = List.copyOf(predictions);
    }
}
