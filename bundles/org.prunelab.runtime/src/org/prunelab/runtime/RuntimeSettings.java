package org.prunelab.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the runtime starts libtorch: where the natives are extracted and how many threads it uses.
 * <p>
 * Both are read once, when the engine starts; the workbench's preference page writes them to the
 * {@link #PREFERENCE_NODE} preference node, and the system properties {@link #NATIVE_CACHE_PROPERTY}
 * and {@link #THREADS_PROPERTY} override the preferences (for headless runs and tests).
 *
 * @param nativeCache directory the libtorch natives are extracted to and loaded from
 * @param threads threads inside one operator; 0 lets libtorch choose (one per core)
 */
public record RuntimeSettings(Path nativeCache, int threads) {

    /** The preference node (instance scope, then configuration scope) holding the runtime settings. */
    public static final String PREFERENCE_NODE = "org.prunelab.runtime";

    /** Preference key: absolute path of the native cache; empty for the default. */
    public static final String NATIVE_CACHE_KEY = "nativeCache";

    /** Preference key: thread count; 0 for libtorch's default. */
    public static final String THREADS_KEY = "threads";

    /** System property overriding {@link #NATIVE_CACHE_KEY}. */
    public static final String NATIVE_CACHE_PROPERTY = "prunelab.runtime.nativeCache";

    /** System property overriding {@link #THREADS_KEY}. */
    public static final String THREADS_PROPERTY = "prunelab.runtime.threads";

    /** Where natives go by default, relative to the user's home directory. */
    public static final String DEFAULT_NATIVE_CACHE = ".prunelab/natives";

    /**
     * Canonical constructor.
     *
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public RuntimeSettings {
        Objects.requireNonNull(nativeCache, "nativeCache");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (libtorch's default) or positive, not " + threads);
        }
        nativeCache = nativeCache.toAbsolutePath().normalize();
    }

    /**
     * Resolves the settings from their sources, the first non-blank one winning: system property, then
     * preference, then default.
     *
     * @param cacheProperty value of {@link #NATIVE_CACHE_PROPERTY}, or null
     * @param cachePreference value of the {@link #NATIVE_CACHE_KEY} preference, or null
     * @param threadsProperty value of {@link #THREADS_PROPERTY}, or null
     * @param threadsPreference value of the {@link #THREADS_KEY} preference, or null
     * @param userDataArea the user's data area: their home directory
     * @return the settings to start the engine with
     * @throws IllegalArgumentException naming the source of a thread count that is not a number &ge; 0
     */
    public static RuntimeSettings resolve(String cacheProperty, String cachePreference, String threadsProperty,
            String threadsPreference, Path userDataArea) {
        Path cache;
        if (!isBlank(cacheProperty)) {
            cache = Path.of(cacheProperty.strip());
        } else if (!isBlank(cachePreference)) {
            cache = Path.of(cachePreference.strip());
        } else {
            cache = userDataArea.resolve(DEFAULT_NATIVE_CACHE);
        }
        int threads = 0;
        if (!isBlank(threadsProperty)) {
            threads = parseThreads(threadsProperty, "system property " + THREADS_PROPERTY);
        } else if (!isBlank(threadsPreference)) {
            threads = parseThreads(threadsPreference, "preference " + PREFERENCE_NODE + "/" + THREADS_KEY);
        }
        return new RuntimeSettings(cache, threads);
    }

    private static int parseThreads(String value, String source) {
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads >= 0) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // reported below with the source named
        }
        throw new IllegalArgumentException(
                source + " must be 0 (libtorch's default) or a positive thread count, not '" + value + "'");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
