/**
 * The performance view: a version's accuracy, size, cost and confusion matrix, against its parent and
 * its root.
 */
package org.prunelab.ui.internal.performance;
