package org.prunelab.ui.internal.adapters;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.SelectedLayer;

/**
 * Gives versions and selected layers their Properties view page (declared in plugin.xml, so the core
 * bundle stays free of the workbench).
 */
public final class VersionPropertiesFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IPropertySource.class) {
            return null;
        }
        if (adaptable instanceof ModelVersion version) {
            return adapterType.cast(new VersionProperties(version, null));
        }
        if (adaptable instanceof SelectedLayer layer) {
            return adapterType.cast(new VersionProperties(layer.version(), layer.layer()));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IPropertySource.class};
    }
}
