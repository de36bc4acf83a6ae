package org.prunelab.core.versions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;


/**
 * Places the versions of one model as a tree: a version's row is its depth below the root, and parents
 * sit centred over their children, whose order is their creation order. Columns and rows are abstract
 * cells; the exploration tree and the project report turn them into pixels.
 */
public final class LineageLayout {

    /**
     * A version's cell.
     *
     * @param version the version
     * @param column its horizontal position (a leaf takes one column; parents are centred)
     * @param row its depth: 0 for a root
     */
    public record Cell(ModelVersion version, double column, int row) {
    }

    private LineageLayout() {
    }

    /**
     * Lays out the versions of one model; versions whose parent is missing count as roots.
     *
     * @param versions the versions, in any order
     * @return one cell per version, roots first, then depth-first
     */
    public static List<Cell> of(List<ModelVersion> versions) {
        Map<String, ModelVersion> byId = new HashMap<>();
        versions.forEach(v -> byId.put(v.id(), v));
        Map<String, List<ModelVersion>> children = new LinkedHashMap<>();
        List<ModelVersion> roots = new ArrayList<>();
        for (ModelVersion version : versions) {
            if (version.parent() == null || !byId.containsKey(version.parent())) {
                roots.add(version);
            } else {
                children.computeIfAbsent(version.parent(), k -> new ArrayList<>()).add(version);
            }
        }
        Comparator<ModelVersion> byCreation = Comparator.comparing((ModelVersion v) -> v.recipe().created())
                .thenComparing(ModelVersion::id);
        roots.sort(byCreation);
        children.values().forEach(list -> list.sort(byCreation));
        List<Cell> cells = new ArrayList<>();
        double[] nextLeaf = {0};
        for (ModelVersion root : roots) {
            place(root, 0, children, cells, nextLeaf);
        }
        return cells;
    }

    /**
     * The label of the edge into a version: how it was made from its parent.
     *
     * @param version a version with a parent
     * @param metricName the name people read for a metric's id
     * @param strategyName the name people read for a strategy's id
     * @return two lines: the metric and the strategy (with the fine-tuning that followed), or
     *         "fine-tune" and its epochs
     */
    public static String[] edgeLabel(ModelVersion version, UnaryOperator<String> metricName,
            UnaryOperator<String> strategyName) {
        Recipe recipe = version.recipe();
        String epochs = recipe.training() == null ? ""
                : recipe.training().epochs() + (recipe.training().epochs() == 1 ? " epoch" : " epochs");
        if (recipe.metric() != null) {
            String strategy = strategyName.apply(recipe.strategy());
            return new String[] {metricName.apply(recipe.metric()), epochs.isEmpty() ? strategy
                    : strategy + " + " + epochs};
        }
        if (recipe.training() != null && recipe.parent() != null) {
            return new String[] {"fine-tune", epochs};
        }
        return new String[] {recipe.kind(), ""};
    }

    private static double place(ModelVersion version, int row, Map<String, List<ModelVersion>> children,
            List<Cell> cells, double[] nextLeaf) {
        int at = cells.size();
        cells.add(null);
        List<ModelVersion> kids = children.getOrDefault(version.id(), List.of());
        double column;
        if (kids.isEmpty()) {
            column = nextLeaf[0]++;
        } else {
            double first = Double.NaN;
            double last = 0;
            for (ModelVersion kid : kids) {
                last = place(kid, row + 1, children, cells, nextLeaf);
                if (Double.isNaN(first)) {
                    first = last;
                }
            }
            column = (first + last) / 2;
        }
        cells.set(at, new Cell(version, column, row));
        return column;
    }
}
