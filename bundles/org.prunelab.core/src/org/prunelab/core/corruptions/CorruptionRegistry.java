package org.prunelab.core.corruptions;

import java.util.SplittableRandom;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.RegistryFactory;
import org.eclipse.core.runtime.Status;
import org.prunelab.core.contributions.Contribution;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.contributions.ContributionRegistry;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.corruption.ImageCorruptions;

/**
 * The corruptions contributed to {@value #EXTENSION_POINT}, beside the built-in ones. Analyses are created
 * from their declarations and cannot be handed services, so the process's corruptions are one shared
 * {@link #installed()} set.
 */
public final class CorruptionRegistry extends ContributionRegistry<Contribution> {

    /** The extension point's full id. */
    public static final String EXTENSION_POINT = "org.prunelab.core.corruptions";

    /** The tag of one contribution. */
    public static final String ELEMENT = "corruption";

    private static ImageCorruptions installed;

    private ImageCorruptions corruptions;

    /**
     * Creates the registry.
     *
     * @param registry the extension registry to read
     */
    public CorruptionRegistry(IExtensionRegistry registry) {
        super(registry, EXTENSION_POINT, ELEMENT);
    }

    /**
     * The corruptions of this process: the built-in ones and every installed plug-in's.
     *
     * @return the corruptions; only the built-in ones when no extension registry runs (plain Java)
     */
    public static synchronized ImageCorruptions installed() {
        if (installed == null) {
            IExtensionRegistry registry = RegistryFactory.getRegistry();
            installed = registry == null ? ImageCorruptions.builtIn() : new CorruptionRegistry(registry).corruptions();
        }
        return installed;
    }

    /**
     * The built-in corruptions and the contributed ones, built-in first. A contribution whose id is taken
     * is skipped and logged.
     *
     * @return the corruptions
     */
    public synchronized ImageCorruptions corruptions() {
        if (corruptions == null) {
            corruptions = ImageCorruptions.builtIn();
            for (Contribution contribution : descriptors()) {
                try {
                    corruptions.add(new Contributed(this, contribution));
                } catch (IllegalArgumentException e) {
                    ILog.of(CorruptionRegistry.class).log(Status.warning(contribution.label() + " ignored: " + e.getMessage()));
                }
            }
        }
        return corruptions;
    }

    @Override
    protected Contribution describe(Contribution contribution, IConfigurationElement element) {
        return contribution;
    }

    @Override
    protected Contribution contribution(Contribution descriptor) {
        return descriptor;
    }

    private ImageCorruption create(Contribution contribution) {
        return create(contribution, ImageCorruption.class);
    }

    /**
     * A contributed corruption: named by its declaration, its class created on first use, and its code
     * run so that a failure names the plug-in.
     */
    private static final class Contributed implements ImageCorruption {

        private final CorruptionRegistry registry;
        private final Contribution contribution;
        private ImageCorruption delegate;

        Contributed(CorruptionRegistry registry, Contribution contribution) {
            this.registry = registry;
            this.contribution = contribution;
        }

        @Override
        public String id() {
            return contribution.id();
        }

        @Override
        public String name() {
            return contribution.name();
        }

        @Override
        public String family() {
            return contribution.category();
        }

        @Override
        public float[] apply(float[] image, int channels, int height, int width, int severity, SplittableRandom random) {
            ImageCorruption code = delegate();
            // the contribution gets a copy: a corruption that writes into its input must not change the test set
            float[] copy = image.clone();
            float[] out = call(contribution, "failed to corrupt an image",
                    () -> code.apply(copy, channels, height, width, severity, random));
            if (out == null || out.length != image.length) {
                throw new ContributionException(contribution.label() + " returned "
                        + (out == null ? "no image" : out.length + " values") + " for an image of " + image.length, null);
            }
            return out;
        }

        private synchronized ImageCorruption delegate() {
            if (delegate == null) {
                delegate = registry.create(contribution);
            }
            return delegate;
        }
    }
}
