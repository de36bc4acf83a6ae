package org.prunelab.ui;

import java.util.Objects;

import org.eclipse.core.runtime.IAdaptable;
import org.prunelab.core.versions.ModelVersion;

/**
 * A layer of a version, as views put it in a selection: the model graph selects a convolution this way,
 * and the filter views show the filters of the selected layer. It adapts to its {@link ModelVersion}, so
 * views that show whole versions follow a layer selection too.
 *
 * @param version the version whose network holds the layer
 * @param layer the layer's name in the network IR
 */
public record SelectedLayer(ModelVersion version, String layer) implements IAdaptable {

    /**
     * Checks the parts.
     */
    public SelectedLayer {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(layer, "layer");
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == ModelVersion.class ? adapter.cast(version) : null;
    }
}
