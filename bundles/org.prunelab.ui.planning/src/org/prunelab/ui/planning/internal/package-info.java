/**
 * CNNPruner's side of the workbench: the Layer Sensitivity view, drawing the curves the layer sensitivity
 * analysis stored with a version.
 */
package org.prunelab.ui.planning.internal;
