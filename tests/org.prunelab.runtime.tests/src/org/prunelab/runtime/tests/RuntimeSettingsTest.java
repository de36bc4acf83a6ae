package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.RuntimeSettings;

/**
 * Where the settings come from: system property, then preference, then default.
 */
class RuntimeSettingsTest {

    private static final Path HOME = Path.of("/home/lab");

    @Test
    void defaultsToTheUserDataAreaAndLibtorchsThreadCount() {
        RuntimeSettings settings = RuntimeSettings.resolve(null, null, null, null, HOME);
        assertEquals(Path.of("/home/lab/.prunelab/natives"), settings.nativeCache());
        assertEquals(0, settings.threads());
    }

    @Test
    void preferenceWinsOverDefaultAndPropertyOverPreference() {
        assertEquals(Path.of("/data/natives"),
                RuntimeSettings.resolve(null, "/data/natives", null, "3", HOME).nativeCache());
        assertEquals(3, RuntimeSettings.resolve(null, "/data/natives", null, "3", HOME).threads());
        RuntimeSettings both = RuntimeSettings.resolve("/scratch/n", "/data/natives", "2", "3", HOME);
        assertEquals(Path.of("/scratch/n"), both.nativeCache());
        assertEquals(2, both.threads());
    }

    @Test
    void blankValuesCountAsUnset() {
        RuntimeSettings settings = RuntimeSettings.resolve("  ", "", " ", "", HOME);
        assertEquals(HOME.resolve(".prunelab/natives"), settings.nativeCache());
        assertEquals(0, settings.threads());
    }

    @Test
    void badThreadCountNamesItsSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RuntimeSettings.resolve(null, null, null, "many", HOME));
        assertTrue(e.getMessage().contains("org.prunelab.runtime/threads") && e.getMessage().contains("'many'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RuntimeSettings.resolve(null, null, "-1", null, HOME));
        assertTrue(e.getMessage().contains(RuntimeSettings.THREADS_PROPERTY), e.getMessage());
    }

    @Test
    void relativeCacheIsMadeAbsolute() {
        assertTrue(new RuntimeSettings(Path.of("rel/natives"), 0).nativeCache().isAbsolute());
    }
}
