package org.prunelab.core.filters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.metrics.ScoringContext;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.probe.ClassMeans;
import org.prunelab.runtime.probe.ProbePass;

/**
 * Computes the class activations of the layers of a context with one probe pass (forward only, constant
 * memory).
 */
public final class ClassActivationPass {

    private ClassActivationPass() {
    }

    /**
     * Runs the pass.
     *
     * @param context the model, its layers and the dataset's classes
     * @param dataset the samples (NetPrune uses the test set)
     * @param normalization applied to the images
     * @param batchSize samples per batch
     * @param monitor progress and cancellation
     * @return layer id to its class activations, in the context's order
     * @throws IllegalArgumentException if the dataset is empty or its classes differ from the context's
     */
    public static Map<String, ClassActivations> compute(ScoringContext context, Dataset dataset,
            Normalization normalization, int batchSize, IProgressMonitor monitor) {
        if (!dataset.classNames().equals(context.classNames())) {
            throw new IllegalArgumentException("the dataset's classes " + dataset.classNames()
                    + " are not the model's " + context.classNames());
        }
        List<ClassMeans> statistics = new ArrayList<>();
        for (String layer : context.layers()) {
            statistics.add(new ClassMeans(context.observedLayer(layer), context.classNames().size()));
        }
        ProbePass.run(context.model(), dataset, normalization, batchSize, statistics, monitor);
        Map<String, ClassActivations> result = new LinkedHashMap<>();
        for (int i = 0; i < statistics.size(); i++) {
            String layer = context.layers().get(i);
            result.put(layer, ClassActivations.of(layer, context.classNames(), statistics.get(i)));
        }
        return result;
    }
}
