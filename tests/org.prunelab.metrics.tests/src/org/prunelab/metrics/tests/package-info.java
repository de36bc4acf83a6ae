/**
 * Tests of the built-in metrics (hand-computed cases), of the metric registry and isolation, and the
 * contract every installed metric must meet.
 */
package org.prunelab.metrics.tests;
