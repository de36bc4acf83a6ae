package org.prunelab.runtime;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;

/**
 * The shared DJL/PyTorch runtime, published as an OSGi service.
 * <p>
 * libtorch starts on first use, offline, from the native library embedded in this bundle; the first
 * call may take seconds (the natives are extracted to the cache once), so call it from a Job, never
 * from the UI thread. Every method may be called from any thread.
 */
public interface ModelRuntime {

    /**
     * Starts the engine if needed and describes it.
     *
     * @return versions, native cache and thread settings of the running engine
     * @throws RuntimeUnavailableException if libtorch cannot be loaded
     */
    RuntimeInfo info();

    /**
     * Opens a root NDManager on the CPU; the caller closes it (try-with-resources), which frees every
     * array and child manager it owns.
     *
     * @return a new root manager of the PyTorch engine
     * @throws RuntimeUnavailableException if libtorch cannot be loaded
     */
    NDManager newManager();

    /**
     * Creates an empty model of the PyTorch engine; the caller closes it. Keep a strong reference for as
     * long as its parameters are used: DJL closes a model's manager when the model is collected.
     *
     * @param name the model's name, shown in DJL's messages
     * @return a new model without a block
     * @throws RuntimeUnavailableException if libtorch cannot be loaded
     */
    Model newModel(String name);

    /**
     * Sets the number of threads that libtorch uses inside one operator, from now on.
     *
     * @param threads a positive thread count
     * @throws IllegalArgumentException if {@code threads} is not positive
     */
    void setThreads(int threads);
}
