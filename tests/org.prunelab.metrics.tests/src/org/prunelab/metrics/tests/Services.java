package org.prunelab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * OSGi services as the product's bundles get them.
 */
final class Services {

    private Services() {
    }

    static <S> S get(Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        assertNotNull(context, "the test bundle is not started");
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(30_000);
        assertNotNull(service, "no " + type.getSimpleName() + " service within 30 s");
        return service;
    }
}
