package org.prunelab.runtime.internal;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collection;

import org.eclipse.core.runtime.preferences.ConfigurationScope;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.osgi.service.datalocation.Location;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.prunelab.runtime.RuntimeSettings;

/**
 * Reads {@link RuntimeSettings} from system properties, preferences and the OSGi user area.
 */
final class SettingsReader {

    private SettingsReader() {
    }

    static RuntimeSettings read(BundleContext context) {
        return RuntimeSettings.resolve(System.getProperty(RuntimeSettings.NATIVE_CACHE_PROPERTY),
                preference(RuntimeSettings.NATIVE_CACHE_KEY), System.getProperty(RuntimeSettings.THREADS_PROPERTY),
                preference(RuntimeSettings.THREADS_KEY), userDataArea(context));
    }

    /** The instance (workspace) preference wins over the configuration (installation) one. */
    private static String preference(String key) {
        String value = null;
        try {
            value = InstanceScope.INSTANCE.getNode(RuntimeSettings.PREFERENCE_NODE).get(key, null);
        } catch (IllegalStateException e) {
            // no instance location (a run without a workspace): fall back to the configuration scope
        }
        if (value == null || value.isBlank()) {
            try {
                value = ConfigurationScope.INSTANCE.getNode(RuntimeSettings.PREFERENCE_NODE).get(key, null);
            } catch (IllegalStateException e) {
                // no configuration location either: the caller uses the default
            }
        }
        return value;
    }

    private static Path userDataArea(BundleContext context) {
        if (context != null) {
            try {
                Collection<ServiceReference<Location>> refs = context.getServiceReferences(Location.class,
                        Location.USER_FILTER);
                for (ServiceReference<Location> ref : refs) {
                    Location location = context.getService(ref);
                    try {
                        URL url = location == null ? null : location.getURL();
                        if (url != null && "file".equals(url.getProtocol())) {
                            return new File(url.getPath()).toPath();
                        }
                    } finally {
                        context.ungetService(ref);
                    }
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return Path.of(System.getProperty("user.home"));
    }
}
