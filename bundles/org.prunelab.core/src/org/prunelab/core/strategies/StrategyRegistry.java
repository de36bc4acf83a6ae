package org.prunelab.core.strategies;

import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.prunelab.core.contributions.Contribution;
import org.prunelab.core.contributions.ContributionRegistry;

/**
 * The strategies contributed to {@value #EXTENSION_POINT}, published as an OSGi service.
 */
@Component(service = StrategyRegistry.class)
public final class StrategyRegistry extends ContributionRegistry<StrategyDescriptor> {

    /** The extension point's full id. */
    public static final String EXTENSION_POINT = "org.prunelab.core.strategies";

    /** The tag of one contribution. */
    public static final String ELEMENT = "strategy";

    /** The attribute of a strategy that plans with the layers' sensitivity. */
    public static final String ATTR_SENSITIVITY = "sensitivity";

    /**
     * Creates the registry.
     *
     * @param registry the extension registry to read
     */
    @Activate
    public StrategyRegistry(@Reference IExtensionRegistry registry) {
        super(registry, EXTENSION_POINT, ELEMENT);
    }

    @Override
    protected StrategyDescriptor describe(Contribution contribution, IConfigurationElement element) {
        return new StrategyDescriptor(contribution, Boolean.parseBoolean(element.getAttribute(ATTR_SENSITIVITY)));
    }

    @Override
    protected Contribution contribution(StrategyDescriptor descriptor) {
        return descriptor.contribution();
    }

    /**
     * Creates a strategy.
     *
     * @param descriptor the strategy's descriptor
     * @return a new instance
     * @throws org.prunelab.core.contributions.ContributionException naming the plug-in if it cannot be
     *             created
     */
    public PruningStrategy<?> create(StrategyDescriptor descriptor) {
        return create(descriptor, PruningStrategy.class);
    }

    @Override
    public Optional<Record> defaultSettings(StrategyDescriptor descriptor) {
        return Optional.of(call(descriptor.contribution(), "has no default settings",
                () -> create(descriptor).defaultSettings()));
    }
}
