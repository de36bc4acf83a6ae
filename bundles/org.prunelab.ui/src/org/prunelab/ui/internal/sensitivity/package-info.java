/**
 * Measuring a version's layer sensitivity from the workbench: the dialog asking what to measure and the
 * job that measures and stores it, shared by the exploration tree's Analyse menu, the prune wizard and the
 * Layer Sensitivity view.
 */
package org.prunelab.ui.internal.sensitivity;
