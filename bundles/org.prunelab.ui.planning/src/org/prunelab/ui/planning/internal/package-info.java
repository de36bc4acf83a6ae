/**
 * CNNPruner's side of the workbench: the Layer Sensitivity view, drawing the curves the layer sensitivity
 * analysis stored with a version, and the Pruning Plan view, where the share of each layer to remove is set
 * (or suggested from a goal), its size and accuracy predicted, and the plan applied.
 */
package org.prunelab.ui.planning.internal;
