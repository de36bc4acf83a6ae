package org.prunelab.ui.robustness.internal;

import org.eclipse.core.runtime.IAdaptable;
import org.prunelab.core.versions.ModelVersion;

/**
 * A cell of the robustness table picked as the workbench selection: the Fragile Samples view shows the
 * samples this corruption flips for the version; other views see the version.
 *
 * @param version the version of the row
 * @param corruption the corruption of the column
 * @param severity the severity picked
 */
public record SelectedCell(ModelVersion version, String corruption, int severity) implements IAdaptable {

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        return adapter == ModelVersion.class ? adapter.cast(version) : null;
    }
}
