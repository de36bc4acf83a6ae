package org.prunelab.runtime.internal;

import java.nio.file.Path;

import org.eclipse.core.runtime.preferences.ConfigurationScope;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.prunelab.runtime.RuntimeSettings;

/**
 * Reads {@link RuntimeSettings} from system properties, preferences and the user's home directory.
 */
final class SettingsReader {

    private SettingsReader() {
    }

    static RuntimeSettings read() {
        return RuntimeSettings.resolve(System.getProperty(RuntimeSettings.NATIVE_CACHE_PROPERTY),
                preference(RuntimeSettings.NATIVE_CACHE_KEY), System.getProperty(RuntimeSettings.THREADS_PROPERTY),
                preference(RuntimeSettings.THREADS_KEY), Path.of(System.getProperty("user.home")));
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
}
