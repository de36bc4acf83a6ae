package org.prunelab.ui.sparklines.internal;

import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.ui.IWorkbenchPage;
import org.prunelab.core.filters.FilterSelection;
import org.prunelab.core.versions.ModelVersion;

/**
 * The filters a researcher kept in each layer of each version, shared by the filter views of one workbench
 * page: brushing the filter activation view and ticking filters in the filter detail view change the same
 * selection, and each view redraws when the other changes it.
 */
final class KeptFilters {

    /** The key of the selection made in the filter detail view, beside the metrics' brushed rows. */
    static final String PICKED = "picked";

    /** What changed. */
    @FunctionalInterface
    interface Listener {
        /**
         * Called on the UI thread after a selection changed.
         *
         * @param version the version
         * @param layer the layer whose selection changed
         */
        void changed(ModelVersion version, String layer);
    }

    private record Key(ModelVersion version, String layer) {
    }

    private static final Map<IWorkbenchPage, KeptFilters> PAGES = new WeakHashMap<>();

    private final Map<Key, FilterSelection> selections = new HashMap<>();
    private final ListenerList<Listener> listeners = new ListenerList<>();

    private KeptFilters() {
    }

    /**
     * The selections of a page.
     *
     * @param page the workbench page
     * @return its shared selections
     */
    static KeptFilters of(IWorkbenchPage page) {
        return PAGES.computeIfAbsent(page, p -> new KeptFilters());
    }

    /**
     * A layer's selection.
     *
     * @param version the version
     * @param layer the convolution
     * @param filters its width, for a layer nothing was selected in yet
     * @return the selection
     */
    FilterSelection get(ModelVersion version, String layer, int filters) {
        FilterSelection selection = selections.get(new Key(version, layer));
        return selection != null && selection.filters() == filters ? selection : FilterSelection.none(filters);
    }

    /**
     * Replaces a layer's selection and tells the views.
     *
     * @param version the version
     * @param layer the convolution
     * @param selection the new selection
     */
    void set(ModelVersion version, String layer, FilterSelection selection) {
        selections.put(new Key(version, layer), selection);
        for (Listener listener : listeners) {
            listener.changed(version, layer);
        }
    }

    /**
     * Keeps one filter or lets it go: kept, it joins the {@link #PICKED} row; let go, it leaves every row.
     *
     * @param version the version
     * @param layer the convolution
     * @param filters its width
     * @param filter the filter
     * @param keep whether pruning keeps it
     */
    void keep(ModelVersion version, String layer, int filters, int filter, boolean keep) {
        FilterSelection selection = get(version, layer, filters);
        if (keep) {
            BitSet picked = selection.of(PICKED);
            picked.set(filter);
            set(version, layer, selection.with(PICKED, picked.stream().toArray()));
            return;
        }
        // the rows keep their order; a row left empty goes
        Map<String, BitSet> rows = new LinkedHashMap<>();
        selection.byMetric().forEach((row, bits) -> {
            BitSet left = (BitSet) bits.clone();
            left.clear(filter);
            rows.put(row, left);
        });
        set(version, layer, new FilterSelection(filters, rows));
    }

    /**
     * Forgets the selections of a version, deleted from its project.
     *
     * @param version the version
     */
    void forget(ModelVersion version) {
        selections.keySet().removeIf(key -> key.version().equals(version));
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    void removeListener(Listener listener) {
        listeners.remove(listener);
    }
}
