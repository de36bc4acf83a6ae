package org.prunelab.core.analyses;

import java.util.Optional;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.prunelab.core.contributions.Contribution;
import org.prunelab.core.contributions.ContributionRegistry;

/**
 * The analyses contributed to {@value #EXTENSION_POINT}, published as an OSGi service.
 */
@Component(service = AnalysisRegistry.class)
public final class AnalysisRegistry extends ContributionRegistry<AnalysisDescriptor> {

    /** The extension point's full id. */
    public static final String EXTENSION_POINT = "org.prunelab.core.analyses";

    /** The tag of one contribution. */
    public static final String ELEMENT = "analysis";

    /** Attribute: how many versions the analysis takes ("1" or "2"). */
    public static final String ATTR_VERSIONS = "versions";

    /**
     * Creates the registry.
     *
     * @param registry the extension registry to read
     */
    @Activate
    public AnalysisRegistry(@Reference IExtensionRegistry registry) {
        super(registry, EXTENSION_POINT, ELEMENT);
    }

    @Override
    protected AnalysisDescriptor describe(Contribution contribution, IConfigurationElement element) {
        String versions = element.getAttribute(ATTR_VERSIONS);
        if (!"1".equals(versions) && !"2".equals(versions)) {
            throw new IllegalArgumentException("analysis " + contribution.id() + " needs " + ATTR_VERSIONS
                    + "=\"1\" or \"2\", not " + versions);
        }
        return new AnalysisDescriptor(contribution, Integer.parseInt(versions));
    }

    @Override
    protected Contribution contribution(AnalysisDescriptor descriptor) {
        return descriptor.contribution();
    }

    /**
     * Creates an analysis.
     *
     * @param descriptor the analysis's descriptor
     * @return a new instance
     * @throws org.prunelab.core.contributions.ContributionException naming the plug-in if it cannot be
     *             created
     */
    public Analysis<?, ?> create(AnalysisDescriptor descriptor) {
        return create(descriptor, Analysis.class);
    }

    @Override
    public Optional<Record> defaultSettings(AnalysisDescriptor descriptor) {
        return Optional.of(call(descriptor.contribution(), "has no default settings",
                () -> create(descriptor).defaultSettings()));
    }
}
