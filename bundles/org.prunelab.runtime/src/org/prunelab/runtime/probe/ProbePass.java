package org.prunelab.runtime.probe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ForwardPass;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.ModelTraining;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

/**
 * Streams a dataset through a model once (inference mode) and feeds every statistic the output of its
 * layer, and the gradient of the summed cross-entropy where a statistic asks for it: all statistics of
 * any set of metrics from one pass. Each batch's arrays are freed before the next batch.
 */
public final class ProbePass {

    private ProbePass() {
    }

    /**
     * Runs the pass.
     *
     * @param model the model; unchanged
     * @param dataset the samples
     * @param normalization applied to the images
     * @param batchSize samples per batch
     * @param statistics what to accumulate; filled in place
     * @param monitor progress and cancellation (one unit per batch)
     * @throws IllegalArgumentException if the dataset is empty or a statistic names no layer of the model
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static void run(NetworkModel model, Dataset dataset, Normalization normalization, int batchSize,
            List<? extends LayerStatistic> statistics, IProgressMonitor monitor) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("the dataset " + dataset.name() + " is empty");
        }
        Set<String> taps = new HashSet<>();
        Set<String> gradients = new HashSet<>();
        for (LayerStatistic statistic : statistics) {
            if (model.network().layer(statistic.layer()).isEmpty()) {
                throw new IllegalArgumentException("network " + model.network().name() + " has no layer '"
                        + statistic.layer() + "'");
            }
            taps.add(statistic.layer());
            if (statistic.needsGradient()) {
                gradients.add(statistic.layer());
            }
        }
        Batches batches = Batches.inOrder(dataset, batchSize, normalization);
        SubMonitor sub = SubMonitor.convert(monitor, "Probing " + model.network().name(), batches.count());
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = batches.iterator(scope);
            while (it.hasNext()) {
                sub.split(1);
                try (Batch batch = it.next()) {
                    if (gradients.isEmpty()) {
                        feed(statistics, Executor.run(model, batch.images(), false, taps, Set.of()), batch, false);
                    } else {
                        try (GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
                            ForwardPass pass = Executor.run(model, batch.images(), false, taps, gradients);
                            NDArray loss = ModelTraining.crossEntropy(pass.logits(), batch.labels()).mul(batch.size());
                            collector.backward(loss);
                            feed(statistics, pass, batch, true);
                        }
                    }
                }
            }
        }
    }

    private static void feed(List<? extends LayerStatistic> statistics, ForwardPass pass, Batch batch,
            boolean withGradients) {
        Map<String, NDArray> outputs = pass.outputs();
        Map<String, LayerBatch> layers = new HashMap<>();
        for (LayerStatistic statistic : statistics) {
            LayerBatch layer = layers.computeIfAbsent(statistic.layer(), id -> new LayerBatch(outputs.get(id),
                    withGradients && pass.gradientProbes().containsKey(id) ? pass.gradient(id) : null, batch.labels(),
                    batch.indices()));
            statistic.accept(layer);
        }
    }
}
