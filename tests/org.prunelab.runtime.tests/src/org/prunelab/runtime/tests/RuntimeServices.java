package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.runtime.ModelRuntime;

/**
 * The runtime as other bundles get it: from the service registry, registered by Declarative Services.
 */
final class RuntimeServices {

    private static final long TIMEOUT_MILLIS = 30_000;

    private RuntimeServices() {
    }

    static ModelRuntime modelRuntime() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ModelRuntime.class).getBundleContext();
        assertNotNull(context, "org.prunelab.runtime is not started");
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(context, ModelRuntime.class, null);
        tracker.open();
        ModelRuntime runtime = tracker.waitForService(TIMEOUT_MILLIS);
        assertNotNull(runtime, "no ModelRuntime service registered within " + TIMEOUT_MILLIS + " ms");
        return runtime;
    }
}
