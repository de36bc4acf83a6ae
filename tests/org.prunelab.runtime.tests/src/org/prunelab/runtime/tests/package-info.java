/**
 * Tests of the model runtime, run in the OSGi test runtime with the real libtorch.
 */
package org.prunelab.runtime.tests;
