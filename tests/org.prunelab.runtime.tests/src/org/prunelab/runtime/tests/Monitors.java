package org.prunelab.runtime.tests;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Progress monitors that cancel part-way, for the tests of cancellation.
 */
final class Monitors {

    private Monitors() {
    }

    /** A monitor that is cancelled once it has been told of that many units of work. */
    static IProgressMonitor cancelledAt(int units) {
        return new NullProgressMonitor() {
            private int work;

            @Override
            public void worked(int done) {
                if (++work == units) {
                    setCanceled(true);
                }
            }
        };
    }
}
