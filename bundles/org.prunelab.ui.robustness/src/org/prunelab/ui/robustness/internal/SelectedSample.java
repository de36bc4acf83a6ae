package org.prunelab.ui.robustness.internal;

import org.eclipse.core.runtime.IAdaptable;
import org.prunelab.core.versions.ModelVersion;

/**
 * A test sample picked in one of the views, as the workbench selection: the Geometry view highlights it,
 * the Fragile Samples view marks its tile; other views see its version.
 *
 * @param version the version it was picked in
 * @param index the test image
 */
public record SelectedSample(ModelVersion version, int index) implements IAdaptable {

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == ModelVersion.class ? adapter.cast(version) : null;
    }
}
