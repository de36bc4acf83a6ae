package org.prunelab.analyses.tests;

import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.analyses.AnalysisRegistry;

/**
 * The running registry of installed analyses, as the tests ask for it.
 */
final class InstalledAnalyses {

    private InstalledAnalyses() {
    }

    /**
     * Waits for the registry service.
     *
     * @return the registry
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if it did not start within a minute
     */
    static AnalysisRegistry registry() throws InterruptedException {
        ServiceTracker<AnalysisRegistry, AnalysisRegistry> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(InstalledAnalyses.class).getBundleContext(), AnalysisRegistry.class, null);
        tracker.open();
        try {
            AnalysisRegistry registry = tracker.waitForService(60_000);
            if (registry == null) {
                throw new IllegalStateException("the analysis registry did not start within a minute");
            }
            return registry;
        } finally {
            // the service lives on with its bundle; the tracker was only for the wait
            tracker.close();
        }
    }
}
