/**
 * The "Robustness Lottery"'s views: the geometry of the last feature layer, the accuracy under
 * corruptions, and the samples pruning and corruption break. They render what
 * {@link org.prunelab.analyses.RobustnessLotteryProvider} computes in jobs.
 */
package org.prunelab.ui.robustness.internal;
