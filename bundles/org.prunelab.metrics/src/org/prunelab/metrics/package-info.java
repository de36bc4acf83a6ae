/**
 * PruneLab's built-in importance metrics, each contributed to {@code org.prunelab.core.metrics} in this
 * bundle's plugin.xml. Formulas: each class's Javadoc and docs/METRICS.md.
 */
package org.prunelab.metrics;
