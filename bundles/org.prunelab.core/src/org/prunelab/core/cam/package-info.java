/**
 * Comparing class-activation maps of two versions, as Sp2PS does: a spatial score (structural similarity),
 * a spectral score (distance of log-magnitude spectra) and their harmonic mean per image. Plain arithmetic
 * on maps in [0, 1], headless; the maps come from {@code org.prunelab.runtime.cam}.
 */
package org.prunelab.core.cam;
