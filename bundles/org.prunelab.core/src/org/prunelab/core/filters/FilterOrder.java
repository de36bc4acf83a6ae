package org.prunelab.core.filters;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Filters ranked by a score, most important first, as the filter views lay them out along x.
 *
 * @param ranked filter indices, most important first
 * @param scores the score of every filter, by filter index, higher meaning more important
 */
public record FilterOrder(int[] ranked, double[] scores) {

    /**
     * Ranks filters by importance; ties keep the lower index first, so the order is deterministic.
     *
     * @param importance one score per filter, higher is more important
     * @return the order
     */
    public static FilterOrder byImportance(double[] importance) {
        int[] ranked = IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer f) -> -importance[f]).thenComparingInt(f -> f))
                .mapToInt(Integer::intValue).toArray();
        return new FilterOrder(ranked, importance.clone());
    }

    /**
     * The filters of a range of ranks.
     *
     * @param from the first rank, inclusive
     * @param to the last rank, exclusive
     * @return their filter indices
     */
    public int[] between(int from, int to) {
        return Arrays.copyOfRange(ranked, Math.max(0, from), Math.min(ranked.length, to));
    }

    /**
     * The number of filters.
     *
     * @return the layer's width
     */
    public int size() {
        return ranked.length;
    }
}
