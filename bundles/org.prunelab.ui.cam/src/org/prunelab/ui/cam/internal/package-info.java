/**
 * The CAM comparison view (Sp2PS): where a pruned version looks compared with its original, image by
 * image. It renders what {@link org.prunelab.core.cam.CamComparisonProvider} computes in jobs.
 */
package org.prunelab.ui.cam.internal;
