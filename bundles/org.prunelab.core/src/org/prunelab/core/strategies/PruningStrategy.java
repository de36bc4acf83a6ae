package org.prunelab.core.strategies;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.runtime.surgery.PruningPlan;

/**
 * Turns filter scores and a goal into a pruning plan; contributed through the extension point
 * {@code org.prunelab.core.strategies}. Strategies are stateless.
 *
 * @param <S> the strategy's settings: a record whose {@link #defaultSettings()} instance gives the
 *            defaults; saved as JSON in a version's recipe
 */
public interface PruningStrategy<S extends Record> {

    /**
     * The settings used when none are given.
     *
     * @return the default settings
     */
    S defaultSettings();

    /**
     * Plans which channels to keep.
     *
     * @param context the model, its channel groups, the channels' importance and the minimum width
     * @param settings the settings (goal, ratio, ...)
     * @param monitor progress and cancellation
     * @return the plan; every group keeps at least {@link PlanningContext#minChannels()} channels
     * @throws IllegalArgumentException if the goal cannot be reached (saying why)
     */
    PruningPlan plan(PlanningContext context, S settings, IProgressMonitor monitor);
}
