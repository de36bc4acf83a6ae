/**
 * NetPrune's filter views: the filter activation view (metric, baseline and class, scatter, brushed
 * barcodes, the kept union, pruning to it) and the sparkline matrix of class pairs.
 */
package org.prunelab.ui.sparklines;
