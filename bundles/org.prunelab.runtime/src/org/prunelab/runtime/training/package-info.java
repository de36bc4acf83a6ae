/**
 * Training, fine-tuning and evaluation of network models, with progress and cancellation between
 * batches.
 */
package org.prunelab.runtime.training;
