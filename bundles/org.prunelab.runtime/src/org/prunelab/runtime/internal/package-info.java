/**
 * Engine start-up behind {@link org.prunelab.runtime.ModelRuntime} (offline mode, native cache, thread
 * settings and the class-loader handling DJL needs inside OSGi), and checks shared by the file readers.
 */
package org.prunelab.runtime.internal;
