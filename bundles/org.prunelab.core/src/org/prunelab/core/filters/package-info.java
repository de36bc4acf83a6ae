/**
 * What the filter views show, computed headless: NetPrune's per-class filter activations, the sparkline
 * matrix built from them, filter orders by a metric and the brushed selections whose union is kept.
 */
package org.prunelab.core.filters;
