package org.prunelab.core.metrics;

import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.prunelab.core.contributions.Contribution;
import org.prunelab.core.contributions.ContributionRegistry;

/**
 * The metrics contributed to {@value #EXTENSION_POINT}, published as an OSGi service.
 */
@Component(service = MetricRegistry.class)
public final class MetricRegistry extends ContributionRegistry<MetricDescriptor> {

    /** The extension point's full id. */
    public static final String EXTENSION_POINT = "org.prunelab.core.metrics";

    /** The tag of one contribution. */
    public static final String ELEMENT = "metric";

    /** Attribute: whether higher scores mark more important filters ("true" or "false"). */
    public static final String ATTR_HIGHER_IS_MORE_IMPORTANT = "higherIsMoreImportant";

    /**
     * Creates the registry.
     *
     * @param registry the extension registry to read
     */
    @Activate
    public MetricRegistry(@Reference IExtensionRegistry registry) {
        super(registry, EXTENSION_POINT, ELEMENT);
    }

    @Override
    protected MetricDescriptor describe(Contribution contribution, IConfigurationElement element) {
        String higher = element.getAttribute(ATTR_HIGHER_IS_MORE_IMPORTANT);
        if (!"true".equals(higher) && !"false".equals(higher)) {
            throw new IllegalArgumentException("metric " + contribution.id() + " needs " + ATTR_HIGHER_IS_MORE_IMPORTANT
                    + "=\"true\" or \"false\", not " + higher);
        }
        return new MetricDescriptor(contribution, Boolean.parseBoolean(higher));
    }

    @Override
    protected Contribution contribution(MetricDescriptor descriptor) {
        return descriptor.contribution();
    }

    /**
     * Creates a metric.
     *
     * @param descriptor the metric's descriptor
     * @return a new instance
     * @throws org.prunelab.core.contributions.ContributionException naming the plug-in if it cannot be
     *             created
     */
    public ImportanceMetric<?> create(MetricDescriptor descriptor) {
        return create(descriptor, ImportanceMetric.class);
    }

    @Override
    public Optional<Record> defaultSettings(MetricDescriptor descriptor) {
        return Optional.of(call(descriptor.contribution(), "has no default settings",
                () -> create(descriptor).defaultSettings()));
    }
}
