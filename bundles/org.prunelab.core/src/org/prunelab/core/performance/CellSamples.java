package org.prunelab.core.performance;

import java.util.Comparator;
import java.util.List;

import org.prunelab.runtime.training.Prediction;

/**
 * The test samples of one cell of a confusion matrix: those whose true class is the row and whose
 * predicted class is the column, the most confident first (for an off-diagonal cell, the network's
 * surest mistakes).
 *
 * @param trueClass the row
 * @param predictedClass the column
 * @param samples every such sample, by falling confidence, then by index
 */
public record CellSamples(int trueClass, int predictedClass, List<Prediction> samples) {

    /** The thumbnails a strip shows at most. */
    public static final int SHOWN = 12;

    /** Copies the list. */
    public CellSamples {
        samples = List.copyOf(samples);
    }

    /**
     * Picks a cell's samples out of a model's predictions on a dataset.
     *
     * @param predictions one per sample
     * @param trueClass the row
     * @param predictedClass the column
     * @return the cell's samples
     */
    public static CellSamples of(List<Prediction> predictions, int trueClass, int predictedClass) {
        return new CellSamples(trueClass, predictedClass, predictions.stream()
                .filter(p -> p.label() == trueClass && p.predicted() == predictedClass)
                .sorted(Comparator.comparingDouble((Prediction p) -> -p.confidence()).thenComparingInt(Prediction::index))
                .toList());
    }

    /**
     * The samples a strip shows.
     *
     * @return at most {@link #SHOWN}, the most confident
     */
    public List<Prediction> shown() {
        return samples.subList(0, Math.min(SHOWN, samples.size()));
    }

    /**
     * The caption of the strip, e.g. "true Shirt → predicted T-shirt/top: 143 samples".
     *
     * @param classNames the class names, by label
     * @return the caption
     */
    public String caption(List<String> classNames) {
        String count = samples.size() == 1 ? "1 sample" : samples.size() + " samples";
        return "true " + name(classNames, trueClass) + " → predicted " + name(classNames, predictedClass) + ": " + count;
    }

    private static String name(List<String> classNames, int c) {
        return c < classNames.size() ? classNames.get(c) : String.valueOf(c);
    }
}
