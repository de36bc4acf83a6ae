/**
 * Importance metrics: the API a metric plug-in implements, the registry of the
 * {@code org.prunelab.core.metrics} extension point, and the scoring service that computes any set of
 * metrics from one probe pass.
 */
package org.prunelab.core.metrics;
