/**
 * The probe pass: one streamed pass over a dataset that feeds per-layer statistics with activations and,
 * where asked, gradients. Each statistic keeps a fixed-size state, so memory does not grow with the
 * dataset, and states of the same statistic over different shards of the data combine.
 */
package org.prunelab.runtime.probe;
