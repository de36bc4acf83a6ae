package org.prunelab.runtime.training;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDManager;

/**
 * Re-estimates the running statistics of a model's batch norms on training images, without training: after
 * surgery every layer's input has changed, and the statistics the parent learnt no longer describe it.
 * <p>
 * The estimator is PyTorch's for recalibration ({@code torch.optim.swa_utils.update_bn}, batch norms with
 * {@code momentum=None}, a cumulative moving average): the images run in batches with every batch norm
 * normalising by its batch's statistics, as in training, and each batch norm's running mean becomes the
 * mean of its batches' means, its running variance the mean of its batches' unbiased variances (over the
 * batch and the positions, n / (n − 1) times the biased one). Every batch counts alike, the last, smaller
 * one too. Unlike {@code update_bn}, dropout stays off: the statistics are those of the activations
 * inference will see. Weights, γ and β are unchanged.
 */
public final class BatchNormStatistics {

    private BatchNormStatistics() {
    }

    /**
     * Sets every batch norm's running mean and variance from the images; a network without batch norm is
     * left as it is and no image is read.
     *
     * @param model the model; its running statistics change, nothing else
     * @param images the images to estimate on (training images: labels are not read)
     * @param normalization applied to the images, as in training
     * @param batchSize images per batch
     * @param shuffleSeed null to take the images in the dataset's order, else the seed of their order (so that
     *            a set sorted by class still gives batches of every class)
     * @param monitor progress and cancellation (one unit per batch)
     * @return how many images the statistics were estimated on: 0 if the network has no batch norm
     * @throws IllegalArgumentException if the dataset is empty or its images do not fit the network, or a batch
     *             gives a batch norm a single value per channel (no variance can be estimated from it)
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled; the statistics are then as
     *             they were
     */
    public static int reestimate(NetworkModel model, Dataset images, Normalization normalization, int batchSize,
            Long shuffleSeed, IProgressMonitor monitor) {
        List<Layer> norms = model.network().layersOf(Op.BatchNorm2d.class);
        if (norms.isEmpty()) {
            return 0;
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException("the dataset " + images.name() + " is empty");
        }
        Batches batches = new Batches(images, batchSize, normalization, shuffleSeed, false);
        // libtorch refuses such a batch in training mode: say which layer and why before anything runs
        int smallest = Math.min(batchSize, images.size() - (batches.count() - 1) * batchSize);
        Map<String, List<Integer>> shapes = model.network().shapes();
        for (Layer norm : norms) {
            List<Integer> shape = shapes.get(norm.inputs().get(0));
            if (smallest * shape.get(1) * shape.get(2) < 2) {
                throw new IllegalArgumentException("batch norm '" + norm.id() + "' would see one value per channel in "
                        + "a batch of " + smallest + " image of " + images.size() + " in batches of " + batchSize
                        + ": no variance can be estimated from it; re-estimate on a number of images that leaves no "
                        + "batch of one");
            }
        }
        SubMonitor sub = SubMonitor.convert(monitor, "Re-estimating the batch norms of " + model.network().name(),
                batches.count());
        // kept to restore the parent's statistics if the estimation stops half-way
        Map<String, float[]> before = new LinkedHashMap<>();
        for (Layer norm : norms) {
            before.put(runningMean(norm), model.parameter(runningMean(norm)).toFloatArray());
            before.put(runningVar(norm), model.parameter(runningVar(norm)).toFloatArray());
        }
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = batches.iterator(scope);
            // libtorch folds the k-th batch in with weight 1/k, as PyTorch does for momentum=None: after the
            // last batch the running statistics are the mean over the batches, the first batch replacing the
            // parent's outright
            for (int k = 1; it.hasNext(); k++) {
                sub.split(1);
                try (Batch batch = it.next()) {
                    Executor.foldBatchStatistics(model, batch.images(), 1.0 / k);
                }
            }
            return images.size();
        } catch (RuntimeException | Error e) {
            before.forEach((name, values) -> model.parameter(name).set(values));
            throw e;
        }
    }

    private static String runningMean(Layer norm) {
        return norm.id() + "." + ParameterSpecs.RUNNING_MEAN;
    }

    private static String runningVar(Layer norm) {
        return norm.id() + "." + ParameterSpecs.RUNNING_VAR;
    }
}
