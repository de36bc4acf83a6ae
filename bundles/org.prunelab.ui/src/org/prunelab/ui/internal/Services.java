package org.prunelab.ui.internal;

import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * Looks up OSGi services for UI code that is not itself a component.
 */
public final class Services {

    private Services() {
    }

    /**
     * Finds a service; it stays registered for as long as its bundle runs, which in the workbench is
     * until shutdown.
     *
     * @param <S> the service type
     * @param type the service interface
     * @return the highest-ranked service, or empty if none is registered
     */
    public static <S> Optional<S> find(Class<S> type) {
        Bundle bundle = FrameworkUtil.getBundle(Services.class);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            return Optional.empty();
        }
        ServiceReference<S> reference = context.getServiceReference(type);
        return reference == null ? Optional.empty() : Optional.ofNullable(context.getService(reference));
    }
}
