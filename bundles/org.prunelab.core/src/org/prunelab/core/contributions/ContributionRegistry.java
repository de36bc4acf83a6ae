package org.prunelab.core.contributions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.ISafeRunnable;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SafeRunner;
import org.eclipse.core.runtime.Status;

import com.google.gson.JsonElement;

/**
 * Reads one extension point: descriptors are read once, lazily, in a stable order (by id) before any
 * contributed class loads; elements with an unknown tag or a missing attribute are skipped and logged
 * naming the contributing plug-in; contributed code runs through {@link #call}, which turns any failure
 * into a {@link ContributionException} naming the plug-in.
 *
 * @param <D> the descriptor type
 */
public abstract class ContributionRegistry<D> {

    /** Attribute: unique id. */
    public static final String ATTR_ID = "id";
    /** Attribute: display name. */
    public static final String ATTR_NAME = "name";
    /** Attribute: description. */
    public static final String ATTR_DESCRIPTION = "description";
    /** Attribute: category. */
    public static final String ATTR_CATEGORY = "category";
    /** Attribute: implementation class. */
    public static final String ATTR_CLASS = "class";

    private final IExtensionRegistry registry;
    private final String extensionPoint;
    private final String elementName;
    private List<D> descriptors;

    /**
     * Creates the registry of an extension point.
     *
     * @param registry the extension registry
     * @param extensionPoint the extension point's full id
     * @param elementName the tag of one contribution
     */
    protected ContributionRegistry(IExtensionRegistry registry, String extensionPoint, String elementName) {
        this.registry = registry;
        this.extensionPoint = extensionPoint;
        this.elementName = elementName;
    }

    /**
     * Makes the descriptor of a valid element.
     *
     * @param contribution the common attributes
     * @param element the element, for further attributes
     * @return the descriptor
     * @throws IllegalArgumentException naming a missing or invalid further attribute
     */
    protected abstract D describe(Contribution contribution, IConfigurationElement element);

    /**
     * The common part of a descriptor.
     *
     * @param descriptor a descriptor of this registry
     * @return its contribution
     */
    protected abstract Contribution contribution(D descriptor);

    /**
     * Every valid contribution, sorted by id.
     *
     * @return the descriptors
     */
    public synchronized List<D> descriptors() {
        if (descriptors == null) {
            List<D> read = new ArrayList<>();
            for (IConfigurationElement element : registry.getConfigurationElementsFor(extensionPoint)) {
                String contributor = element.getContributor().getName();
                if (!elementName.equals(element.getName())) {
                    warn(contributor, "unknown element <" + element.getName() + "> in " + extensionPoint + " ignored");
                    continue;
                }
                try {
                    Contribution contribution = new Contribution(required(element, ATTR_ID), required(element, ATTR_NAME),
                            optional(element, ATTR_DESCRIPTION, ""), optional(element, ATTR_CATEGORY, "Other"),
                            contributor, element);
                    required(element, ATTR_CLASS);
                    read.add(describe(contribution, element));
                } catch (IllegalArgumentException e) {
                    warn(contributor, "contribution to " + extensionPoint + " ignored: " + e.getMessage());
                }
            }
            read.sort(Comparator.comparing(d -> contribution(d).id()));
            descriptors = List.copyOf(read);
        }
        return descriptors;
    }

    /**
     * A contribution by id.
     *
     * @param id its id
     * @return its descriptor, or empty if none has that id
     */
    public Optional<D> descriptor(String id) {
        return descriptors().stream().filter(d -> contribution(d).id().equals(id)).findFirst();
    }

    /**
     * The name people read for a contribution that recipes store by id ({@code org.prunelab.metrics.fpgm}
     * is "FPGM"): its declared name without the parenthesised gloss, or the id's last part when nothing
     * installed has that id (any more).
     *
     * @param id a contribution's id, or null
     * @return e.g. "FPGM", "Target parameters"; "" for null
     */
    public String shortName(String id) {
        if (id == null) {
            return "";
        }
        return descriptor(id).map(d -> withoutGloss(contribution(d).name())).orElse(lastPart(id));
    }

    /**
     * A contribution's default settings, created in isolation.
     *
     * @param descriptor the contribution
     * @return its settings record, or empty for an extension point whose contributions have none
     * @throws ContributionException naming the plug-in if its code fails
     */
    public Optional<Record> defaultSettings(D descriptor) {
        return Optional.empty();
    }

    /**
     * A contribution's stored settings in words, as its settings record's {@link Setting} annotations name
     * them: a recipe's {@code {"keep":0.4}} for Target FLOPs reads "Kept: 40 % of the parent".
     *
     * @param id the contribution's id
     * @param values the settings as stored, or null
     * @return the words; the JSON as stored when the contribution is not installed or fails; "" for null
     */
    public String describeSettings(String id, JsonElement values) {
        if (values == null || values.isJsonNull()) {
            return "";
        }
        if (!values.isJsonObject()) {
            return values.toString();
        }
        try {
            return descriptor(id).flatMap(this::defaultSettings)
                    .map(defaults -> SettingWords.describe(defaults.getClass(), values.getAsJsonObject()))
                    .orElse(values.toString());
        } catch (ContributionException e) {
            return values.toString();
        }
    }

    /**
     * What names a contribution that is not installed: its id's last part.
     *
     * @param id a contribution's id
     * @return e.g. "fpgm" for {@code org.prunelab.metrics.fpgm}
     */
    public static String lastPart(String id) {
        return id.substring(id.lastIndexOf('.') + 1);
    }

    /** "FPGM (distance to the geometric median)" is "FPGM"; a name that is all gloss stays whole. */
    static String withoutGloss(String name) {
        int open = name.indexOf(" (");
        return open > 0 ? name.substring(0, open) : name;
    }

    /**
     * A contribution by id, for users who typed it.
     *
     * @param id its id
     * @param kind what the extension point contributes, for the message ("metric", "strategy")
     * @return its descriptor
     * @throws IllegalArgumentException listing the installed ids if none has that id
     */
    public D require(String id, String kind) {
        return descriptor(id).orElseThrow(() -> new IllegalArgumentException("no " + kind + " '" + id
                + "' is installed; installed: " + descriptors().stream().map(d -> contribution(d).id()).toList()));
    }

    /**
     * Creates a contribution's class.
     *
     * @param <T> the type the extension point requires
     * @param descriptor the contribution
     * @param type the type the extension point requires
     * @return a new instance
     * @throws ContributionException naming the plug-in if the class cannot be created or has another type
     */
    protected <T> T create(D descriptor, Class<T> type) {
        Contribution contribution = contribution(descriptor);
        Object created = call(contribution, "could not be created",
                () -> contribution.element().createExecutableExtension(ATTR_CLASS));
        if (!type.isInstance(created)) {
            throw new ContributionException(contribution.label() + " is a " + created.getClass().getName() + ", not a "
                    + type.getName(), null);
        }
        return type.cast(created);
    }

    /**
     * Runs contributed code in isolation (SafeRunner): whatever it throws is logged against the plug-in
     * and rethrown as a {@link ContributionException}.
     *
     * @param <T> the result type
     * @param contribution the contribution whose code runs
     * @param what what failed, for the message, e.g. "failed to score"
     * @param code the contributed code
     * @return its result
     * @throws ContributionException naming the contribution and plug-in if the code throws
     */
    public static <T> T call(Contribution contribution, String what, Callable<T> code) {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        SafeRunner.run(new ISafeRunnable() {
            @Override
            public void run() throws Exception {
                result[0] = code.call();
            }

            @Override
            public void handleException(Throwable exception) {
                failure[0] = exception;
            }
        });
        if (failure[0] != null) {
            Throwable cause = failure[0] instanceof CoreException ce
                    && ce.getStatus().getException() != null ? ce.getStatus().getException() : failure[0];
            if (cause instanceof OperationCanceledException canceled) {
                throw canceled;
            }
            throw new ContributionException(contribution.label() + " " + what + ": " + cause, cause);
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private static String required(IConfigurationElement element, String attribute) {
        String value = element.getAttribute(attribute);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("<" + element.getName() + "> without the required attribute '" + attribute
                    + "'");
        }
        return value;
    }

    private static String optional(IConfigurationElement element, String attribute, String fallback) {
        String value = element.getAttribute(attribute);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void warn(String contributor, String message) {
        ILog.of(ContributionRegistry.class).log(Status.warning("Plug-in " + contributor + ": " + message));
    }
}
