package org.prunelab.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * What the running engine is: the facts shown in the About dialog and recorded with benchmarks.
 *
 * @param djlVersion version of the DJL API in use
 * @param engineName name of the DJL engine ("PyTorch")
 * @param libtorchVersion version of the libtorch native library
 * @param nativeCache directory the native libraries were extracted to and loaded from
 * @param threads threads libtorch uses inside one operator
 * @param interopThreads threads libtorch uses across operators
 * @param offline whether DJL runs offline (it always does in PruneLab)
 * @param nativeLibraries paths of the libtorch libraries mapped into this process
 * @param startMillis milliseconds the engine took to start (extraction included)
 */
public record RuntimeInfo(String djlVersion, String engineName, String libtorchVersion, Path nativeCache,
        int threads, int interopThreads, boolean offline, List<String> nativeLibraries, long startMillis) {

    /**
     * Canonical constructor; copies the library list.
     */
    public RuntimeInfo {
        nativeLibraries = List.copyOf(nativeLibraries);
    }
}
