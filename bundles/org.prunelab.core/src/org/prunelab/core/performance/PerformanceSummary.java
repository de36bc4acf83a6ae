package org.prunelab.core.performance;

import java.util.List;

import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;

/**
 * A version's figures next to those of its parent and of its model's root.
 *
 * @param version the version
 * @param parent its parent, or null for a root
 * @param root the root of its model (the version itself for a root)
 */
public record PerformanceSummary(ModelVersion version, ModelVersion parent, ModelVersion root) {

    /**
     * Finds a version's parent and root among its model's versions.
     *
     * @param version the version
     * @param all every version of its model
     * @return the summary
     */
    public static PerformanceSummary of(ModelVersion version, List<ModelVersion> all) {
        ModelVersion parent = find(version.parent(), all);
        ModelVersion root = version;
        for (ModelVersion up = parent; up != null; up = find(up.parent(), all)) {
            root = up;
        }
        return new PerformanceSummary(version, parent, root);
    }

    private static ModelVersion find(String id, List<ModelVersion> all) {
        return id == null ? null : all.stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * Accuracy change from the parent, in points.
     *
     * @return percentage points, 0 for a root
     */
    public double changeFromParent() {
        return parent == null ? 0 : 100 * (version.evaluation().accuracy() - parent.evaluation().accuracy());
    }

    /**
     * Accuracy change from the root, in points.
     *
     * @return percentage points
     */
    public double changeFromRoot() {
        return 100 * (version.evaluation().accuracy() - root.evaluation().accuracy());
    }

    /**
     * Parameters as a share of the root's.
     *
     * @return percent
     */
    public double parametersPercent() {
        return 100.0 * version.evaluation().parameters() / root.evaluation().parameters();
    }

    /**
     * FLOPs as a share of the root's.
     *
     * @return percent
     */
    public double flopsPercent() {
        return 100.0 * version.evaluation().flops() / root.evaluation().flops();
    }

    /**
     * The confusion matrix, optionally normalised per true class (row).
     *
     * @param rowNormalized true for shares of each row, false for counts
     * @return [true class][predicted class]
     */
    public double[][] confusion(boolean rowNormalized) {
        Evaluation e = version.evaluation();
        int[][] counts = e.confusion();
        double[][] values = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            values[r] = new double[counts[r].length];
            long total = 0;
            for (int c : counts[r]) {
                total += c;
            }
            for (int c = 0; c < counts[r].length; c++) {
                values[r][c] = rowNormalized ? (total == 0 ? 0 : (double) counts[r][c] / total) : counts[r][c];
            }
        }
        return values;
    }
}
