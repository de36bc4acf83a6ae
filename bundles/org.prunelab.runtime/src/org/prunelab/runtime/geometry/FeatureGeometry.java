package org.prunelab.runtime.geometry;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The angle, length and margin of every sample of a dataset in a network's last feature layer.
 */
public final class FeatureGeometry {

    private FeatureGeometry() {
    }

    /**
     * The classifier the geometry reads: the network's last layer, which must be linear.
     *
     * @param network the network
     * @return the final linear layer
     * @throws IllegalArgumentException naming the last layer if it is not linear
     */
    public static Layer classifier(Network network) {
        List<Layer> layers = network.layers();
        Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
        if (last == null || !(last.op() instanceof Op.Linear)) {
            throw new IllegalArgumentException("the geometry of the last feature layer needs a network that ends in a "
                    + "linear layer (the classifier, whose input is the feature vector); " + network.name() + " ends in "
                    + (last == null ? "nothing" : "'" + last.id() + "' (" + last.op().getClass().getSimpleName() + ")"));
        }
        return last;
    }

    /**
     * Computes every sample's geometry.
     *
     * @param model the network, ending in a linear layer
     * @param data the samples
     * @param normalization applied to the images
     * @param batchSize samples per forward pass
     * @param monitor progress and cancellation
     * @return one per sample, in dataset order
     * @throws IllegalArgumentException if the network does not end in a linear layer
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static List<SampleGeometry> compute(NetworkModel model, Dataset data, Normalization normalization,
            int batchSize, IProgressMonitor monitor) {
        Layer head = classifier(model.network());
        String features = head.inputs().get(0);
        String p = head.id() + ".";
        float[][] weights = rows(model.parameter(p + ParameterSpecs.WEIGHT));
        float[] bias = ((Op.Linear) head.op()).bias() ? model.parameter(p + ParameterSpecs.BIAS).toFloatArray()
                : new float[weights.length];
        Batches batches = Batches.inOrder(data, batchSize, normalization);
        SubMonitor sub = SubMonitor.convert(monitor, "Feature geometry of " + data.name(), batches.count());
        List<SampleGeometry> result = new ArrayList<>(data.size());
        try (NDManager scope = model.manager().newSubManager()) {
            Iterator<Batch> it = batches.iterator(scope);
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    ForwardPass pass = Executor.run(model, batch.images(), false, Set.of(features), Set.of());
                    NDArray x = pass.outputs().get(features);
                    int n = batch.size();
                    float[] values = x.toFloatArray();
                    int d = values.length / n;
                    int[] labels = batch.labels().toIntArray();
                    for (int i = 0; i < n; i++) {
                        float[] row = new float[d];
                        System.arraycopy(values, i * d, row, 0, d);
                        result.add(of(batch.indices()[i], row, weights, bias, labels[i]));
                    }
                }
                sub.split(1);
            }
        }
        return result;
    }

    /**
     * One sample's geometry from its feature vector and the classifier.
     *
     * @param index the sample's index
     * @param x the feature vector
     * @param weights the classifier's rows, one per class
     * @param bias its biases, one per class
     * @param label the true class
     * @return the geometry
     */
    public static SampleGeometry of(int index, float[] x, float[][] weights, float[] bias, int label) {
        int classes = weights.length;
        double length = norm(x);
        double[] angles = new double[classes];
        int predicted = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double dot = dot(weights[c], x);
            double logit = dot + bias[c];
            if (logit > best) {
                best = logit;
                predicted = c;
            }
            double w = norm(weights[c]);
            // the cosine is clamped: rounding may put it a hair beyond ±1
            angles[c] = length == 0 || w == 0 ? Double.NaN : Math.acos(Math.max(-1, Math.min(1, dot / (w * length))));
        }
        double margin = Double.POSITIVE_INFINITY;
        double angular = Double.POSITIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            if (j == label) {
                continue;
            }
            double[] difference = new double[x.length];
            for (int k = 0; k < x.length; k++) {
                difference[k] = weights[label][k] - weights[j][k];
            }
            double distance = norm(difference);
            if (distance > 0) {
                double along = bias[label] - bias[j];
                for (int k = 0; k < x.length; k++) {
                    along += difference[k] * x[k];
                }
                margin = Math.min(margin, along / distance);
            }
            angular = Math.min(angular, angles[j] - angles[label]);
        }
        return new SampleGeometry(index, label, predicted, length, angles[label], angles[predicted],
                Double.isInfinite(margin) ? Double.NaN : margin, Double.isInfinite(angular) ? Double.NaN : angular);
    }

    private static float[][] rows(NDArray weight) {
        long[] shape = weight.getShape().getShape();
        float[] flat = weight.toFloatArray();
        int rows = (int) shape[0];
        int columns = (int) shape[1];
        float[][] out = new float[rows][columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * columns, out[r], 0, columns);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double norm(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
