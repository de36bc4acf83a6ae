/**
 * The performance view: a version's accuracy, size, cost and confusion matrix, against its parent and
 * its root; the accuracy per epoch of its own training; and the test samples behind a cell of the
 * confusion matrix.
 */
package org.prunelab.ui.internal.performance;
