package org.prunelab.core.filters;

import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of one layer a researcher brushed, one selection per metric (NetPrune's barcodes); their
 * union is the set of filters kept when the layer is pruned to the selection. Immutable.
 *
 * @param filters the layer's width
 * @param byMetric metric id to the selected filter indices, in the order the selections were made
 */
public record FilterSelection(int filters, Map<String, BitSet> byMetric) {

    /**
     * Copies the selections.
     */
    public FilterSelection {
        Map<String, BitSet> copy = new LinkedHashMap<>();
        byMetric.forEach((metric, bits) -> {
            if (bits.length() > filters) {
                throw new IllegalArgumentException("metric " + metric + " selects filter " + (bits.length() - 1)
                        + " of a layer with " + filters + " filters");
            }
            if (!bits.isEmpty()) {
                copy.put(metric, (BitSet) bits.clone());
            }
        });
        byMetric = Collections.unmodifiableMap(copy);
    }

    /**
     * No selection yet.
     *
     * @param filters the layer's width
     * @return an empty selection
     */
    public static FilterSelection none(int filters) {
        return new FilterSelection(filters, Map.of());
    }

    /**
     * Replaces one metric's selection.
     *
     * @param metric the metric whose order the filters were brushed in
     * @param selected the filter indices; empty to clear that metric's selection
     * @return the new selection
     */
    public FilterSelection with(String metric, int... selected) {
        BitSet bits = new BitSet(filters);
        for (int f : selected) {
            bits.set(f);
        }
        Map<String, BitSet> next = new LinkedHashMap<>(byMetric);
        next.remove(metric);
        next.put(metric, bits);
        return new FilterSelection(filters, next);
    }

    /**
     * One metric's selection.
     *
     * @param metric a metric id
     * @return its selected filters, empty if none
     */
    public BitSet of(String metric) {
        BitSet bits = byMetric.get(metric);
        return bits == null ? new BitSet() : (BitSet) bits.clone();
    }

    /**
     * The filters kept: the union of every metric's selection.
     *
     * @return the union
     */
    public BitSet union() {
        BitSet union = new BitSet(filters);
        byMetric.values().forEach(union::or);
        return union;
    }

    /**
     * Whether nothing is selected.
     *
     * @return true if no metric has a selection
     */
    public boolean isEmpty() {
        return byMetric.isEmpty();
    }

    /**
     * The share of the layer's filters kept, in percent.
     *
     * @return 100 · |union| / filters
     */
    public double keptPercent() {
        return filters == 0 ? 0 : 100.0 * union().cardinality() / filters;
    }
}
