/**
 * The Training view: the curves of the training that runs, drawn as it goes, with its epoch, its time and
 * Cancel.
 */
package org.prunelab.ui.internal.training;
