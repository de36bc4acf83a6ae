package org.prunelab.ui.internal.adapters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.Recipe;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.Attention;

/**
 * A version in the Properties view, read-only: how it was made (pruning, training) and what it achieves.
 * Renaming and the other edits are commands of the exploration tree.
 */
final class VersionProperties implements IPropertySource {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> categories = new LinkedHashMap<>();

    /**
     * The properties of a version, and of one of its layers if given.
     *
     * @param version the version
     * @param layer a layer of its network, or null
     */
    VersionProperties(ModelVersion version, String layer) {
        Recipe recipe = version.recipe();
        if (layer != null) {
            put("Layer", "layer", layer);
            Integer kept = recipe.kept() == null ? null : recipe.kept().get(layer);
            if (kept != null) {
                put("Layer", "filters kept by the last pruning", Integer.toString(kept));
            }
        }
        put("Version", "model", version.model());
        put("Version", "version", version.id());
        put("Version", "parent", recipe.parent());
        put("Version", "made by", recipe.kind());
        put("Version", "architecture", recipe.architecture());
        put("Version", "created", recipe.created() == null ? null : recipe.created().toString());
        put("Version", "folder", version.directory().toString());
        put("Pruning", "metric", recipe.metric());
        put("Pruning", "metric settings", recipe.metricSettings() == null ? null : recipe.metricSettings().toString());
        put("Pruning", "strategy", recipe.strategy());
        put("Pruning", "strategy settings",
                recipe.strategySettings() == null ? null : recipe.strategySettings().toString());
        if (recipe.metric() != null) {
            put("Pruning", "fewest filters per layer", Integer.toString(recipe.minChannels()));
        }
        TrainingSettings training = recipe.training();
        if (training != null) {
            put("Training", "epochs", Integer.toString(training.epochs()));
            put("Training", "optimiser", training.optimizer().toString());
            put("Training", "learning rate", Double.toString(training.learningRate()));
            put("Training", "batch size", Integer.toString(training.batchSize()));
            put("Training", "schedule", training.schedule().toString());
        }
        Evaluation e = version.evaluation();
        put("Evaluation", "test accuracy", String.format(Locale.ROOT, "%.2f %%", 100 * e.accuracy()));
        put("Evaluation", "test loss", String.format(Locale.ROOT, "%.4f", e.loss()));
        put("Evaluation", "parameters", String.format(Locale.ROOT, "%,d", e.parameters()));
        put("Evaluation", "FLOPs", String.format(Locale.ROOT, "%,d", e.flops()));
        put("Evaluation", "size on disk", String.format(Locale.ROOT, "%,d bytes", e.bytes()));
        put("Evaluation", "latency, batch 1", String.format(Locale.ROOT, "%.2f ms (%d threads)", e.latencyMillis1(),
                e.threads()));
        put("Evaluation", "latency, batch 64", String.format(Locale.ROOT, "%.1f ms", e.latencyMillis64()));
        put("Attention", "Sp2PS against the root", Attention.describe(version).orElse(null));
    }

    private void put(String category, String name, String value) {
        if (value != null) {
            values.put(name, value);
            categories.put(name, category);
        }
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        List<IPropertyDescriptor> descriptors = new ArrayList<>();
        for (String name : values.keySet()) {
            PropertyDescriptor descriptor = new PropertyDescriptor(name, name);
            descriptor.setCategory(categories.get(name));
            descriptors.add(descriptor);
        }
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public Object getEditableValue() {
        return this;
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only
    }
}
