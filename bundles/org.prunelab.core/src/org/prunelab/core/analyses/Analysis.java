package org.prunelab.core.analyses;

import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A computation over versions of one model and the test set; contributed through the extension point
 * {@code org.prunelab.core.analyses}.
 * <p>
 * An analysis is stateless and deterministic: the same versions, data and settings give the same
 * result, which is why {@link AnalysisService} may store it and hand it out again instead of running the
 * analysis twice. The result is stored as JSON (Gson): records, arrays, lists and numbers, NaN allowed.
 *
 * @param <S> the settings: a record whose {@link #defaultSettings()} instance holds the defaults
 * @param <R> the result: a record Gson can write and read back
 */
public interface Analysis<S extends Record, R extends Record> {

    /**
     * The settings used when none are given.
     *
     * @return the default settings
     */
    S defaultSettings();

    /**
     * The type of the result, to read a stored one back.
     *
     * @return the result's class
     */
    Class<R> resultType();

    /**
     * Checks that the settings fit the versions before any work starts (a layer that exists, a class in
     * range). The default accepts everything.
     *
     * @param context the versions and the data
     * @param settings the settings
     * @throws IllegalArgumentException saying what does not fit; reported to the user as bad input
     */
    default void validate(AnalysisContext context, S settings) {
    }

    /**
     * Computes the result.
     *
     * @param context the versions, loaded, and the test set
     * @param settings the validated settings
     * @param monitor progress and cancellation: check it at least once per batch
     * @return the result, never null
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    R run(AnalysisContext context, S settings, IProgressMonitor monitor);
}
