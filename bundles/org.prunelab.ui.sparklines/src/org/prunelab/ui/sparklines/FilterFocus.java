package org.prunelab.ui.sparklines;

import java.util.Arrays;
import java.util.BitSet;

import org.eclipse.core.runtime.IAdaptable;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterSelection;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.SelectedLayer;

/**
 * What the filter activation view looks at, published as its selection: a layer of a version, its class
 * activations, the filters ranked by the current metric, the brushed selection, and the class pair. The
 * sparkline matrix draws it; the model graph and the other views follow it as a {@link SelectedLayer}.
 *
 * @param version the version
 * @param activations the layer's class activations
 * @param order the filters ranked by the current metric
 * @param selection the brushed selections; their union is kept
 * @param metric the current metric's id
 * @param metricName the current metric's display name
 * @param baseline the baseline class A
 * @param compared the compared class B
 */
public record FilterFocus(ModelVersion version, ClassActivations activations, FilterOrder order,
        FilterSelection selection, String metric, String metricName, int baseline, int compared)
        implements IAdaptable {

    /**
     * The layer's name.
     *
     * @return the convolution's id
     */
    public String layer() {
        return activations.layer();
    }

    /**
     * The filters the sparklines draw: all of them in the metric's order, or only the kept union when
     * something is selected.
     *
     * @return filter indices in x order
     */
    public int[] drawnFilters() {
        if (selection.isEmpty()) {
            return order.ranked();
        }
        BitSet kept = selection.union();
        return Arrays.stream(order.ranked()).filter(kept::get).toArray();
    }

    /**
     * A metric's name without its parenthetical, for labels where space is short.
     *
     * @param metricName e.g. "Class pairwise difference (NetPrune)"
     * @return e.g. "Class pairwise difference"
     */
    public static String shortName(String metricName) {
        int cut = metricName.indexOf(" (");
        return cut > 0 ? metricName.substring(0, cut) : metricName;
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == SelectedLayer.class) {
            return adapter.cast(new SelectedLayer(version, layer()));
        }
        return adapter == ModelVersion.class ? adapter.cast(version) : null;
    }
}
