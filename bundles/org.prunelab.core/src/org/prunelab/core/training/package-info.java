/**
 * Trainings in progress, as the jobs that run them report them: which project, model and version each
 * trains, the epochs planned and the figures so far, for a view that draws the curves while the model is
 * still being trained ({@link org.prunelab.core.training.TrainingRuns}).
 */
package org.prunelab.core.training;
