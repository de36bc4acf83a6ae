package org.prunelab.core.strategies;

import java.util.List;
import java.util.Map;

/**
 * CNNPruner's layer sensitivity: for each channel group, the accuracy of the network when only that
 * group is pruned, at each ratio, without fine-tuning.
 *
 * @param metric the metric whose ranking chose the pruned channels
 * @param ratios the pruning ratios, ascending (e.g. 0.1 … 0.9)
 * @param baseAccuracy the unpruned network's accuracy on the same samples
 * @param accuracy group id to one accuracy per ratio
 * @param samples how many validation samples each accuracy was measured on
 */
public record SensitivityCurves(String metric, List<Double> ratios, double baseAccuracy,
        Map<String, List<Double>> accuracy, int samples) {

    /** Copies the collections. */
    public SensitivityCurves {
        ratios = List.copyOf(ratios);
        accuracy = Map.copyOf(accuracy);
    }

    /**
     * The predicted accuracy loss of pruning a group alone at a ratio, interpolated linearly between the
     * measured ratios (0 at ratio 0).
     *
     * @param group a group id
     * @param ratio the share of its channels removed
     * @return base accuracy minus the curve's accuracy, at least 0
     * @throws IllegalArgumentException if the group has no curve
     */
    public double drop(String group, double ratio) {
        List<Double> curve = accuracy.get(group);
        if (curve == null) {
            throw new IllegalArgumentException("no sensitivity curve for group '" + group + "'");
        }
        double previousRatio = 0;
        double previousAccuracy = baseAccuracy;
        for (int i = 0; i < ratios.size(); i++) {
            if (ratio <= ratios.get(i)) {
                double t = (ratio - previousRatio) / (ratios.get(i) - previousRatio);
                return Math.max(0, baseAccuracy - (previousAccuracy + t * (curve.get(i) - previousAccuracy)));
            }
            previousRatio = ratios.get(i);
            previousAccuracy = curve.get(i);
        }
        return Math.max(0, baseAccuracy - curve.get(curve.size() - 1));
    }
}
