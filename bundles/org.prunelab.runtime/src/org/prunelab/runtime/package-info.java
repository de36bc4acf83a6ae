/**
 * The model runtime of PruneLab: the one place that starts DJL and libtorch.
 * <p>
 * Other bundles obtain a {@link org.prunelab.runtime.ModelRuntime} from the OSGi service registry and
 * receive NDManagers and models from it; they never configure an engine themselves. The DJL packages
 * that metric plug-ins compute with ({@code ai.djl.ndarray}, {@code ai.djl.nn}, ...) are re-exported by
 * this bundle; engine setup ({@code ai.djl.engine}) is not.
 */
package org.prunelab.runtime;
