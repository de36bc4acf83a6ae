package org.prunelab.core.cam;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.versions.Subsets;
import org.prunelab.runtime.cam.GradCam;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Sp2PS of two versions over a dataset: for every image, the class-activation maps of both versions for
 * the class the baseline predicts (the same question asked of both), compared with {@link Sp2ps#compare}.
 * Streamed: a batch's maps are reduced to their three scores and dropped, so memory does not grow with the
 * dataset; {@link #maps} makes the maps of the few images a view shows.
 */
public final class CamComparison {

    /**
     * What is compared.
     *
     * @param layer the convolution explained in both versions (pruning keeps layer ids); empty for the
     *            last convolution
     * @param method Grad-CAM or Grad-CAM++
     * @param spatial the spatial measure S
     * @param spectral the spectral measure F
     * @param samples how many test images to compare, from the first; 0 for all of them
     */
    public record Settings(String layer, GradCam.Method method, Sp2ps.Spatial spatial, Sp2ps.Spectral spectral,
            int samples) {

        /** The paper's definition over the whole test set, at the last convolution. */
        public static final Settings DEFAULT = new Settings("", GradCam.Method.GRAD_CAM, Sp2ps.Spatial.SSIM,
                Sp2ps.Spectral.LOG_MAGNITUDE, 0);

        /** Checks the values. */
        public Settings {
            if (layer == null) {
                layer = "";
            }
            if (method == null || spatial == null || spectral == null) {
                throw new IllegalArgumentException("method, spatial and spectral are GRAD_CAM or GRAD_CAM_PLUS_PLUS, "
                        + "SSIM or GLOBAL_SSIM, LOG_MAGNITUDE or MAGNITUDE");
            }
            if (samples < 0) {
                throw new IllegalArgumentException("samples must be >= 0 (0 for the whole test set), not " + samples);
            }
        }

        /**
         * The measures of Sp2PS.
         *
         * @return spatial and spectral measure
         */
        public Sp2ps.Settings measures() {
            return new Sp2ps.Settings(spatial, spectral);
        }

        /**
         * The layer explained in a network.
         *
         * @param model the network
         * @return the named layer, or the network's last convolution
         */
        public String layerOf(NetworkModel model) {
            return layer.isEmpty() ? GradCam.defaultLayer(model.network()) : layer;
        }
    }

    /**
     * One image's comparison.
     *
     * @param index the image's index in the test set
     * @param label its true class
     * @param predictedA the class the baseline predicts, whose maps are compared
     * @param predictedB the class the compared version predicts
     * @param spatial S
     * @param spectral F
     * @param harmonic H, the harmonic mean of S and F
     */
    public record Sample(int index, int label, int predictedA, int predictedB, double spatial, double spectral,
            double harmonic) {

        /**
         * Whether the versions predict different classes.
         *
         * @return whether pruning changed the prediction
         */
        public boolean predictionChanged() {
            return predictedA != predictedB;
        }
    }

    /**
     * The comparison of two versions.
     *
     * @param layer the convolution explained
     * @param classNames the test set's classes
     * @param samples every image's scores, in test-set order
     * @param perClass the mean H of each true class's images (NaN for a class without images)
     * @param meanSpatial the mean S
     * @param meanSpectral the mean F
     * @param sp2ps the mean H over all images: the Sp2PS of the pair
     */
    public record Result(String layer, List<String> classNames, List<Sample> samples, double[] perClass,
            double meanSpatial, double meanSpectral, double sp2ps) {

        /**
         * How many images the versions classify differently.
         *
         * @return the number of changed predictions
         */
        public long changedPredictions() {
            return samples.stream().filter(Sample::predictionChanged).count();
        }
    }

    /**
     * The maps of one image.
     *
     * @param index the image's index in the test set
     * @param pixels the image as stored, [channels][height][width], before normalisation
     * @param camA the baseline's map, in [0, 1]
     * @param camB the compared version's map, in [0, 1]
     * @param explained the class both maps explain (the baseline's prediction)
     */
    public record ImageMaps(int index, float[][][] pixels, float[][] camA, float[][] camB, int explained) {
    }

    private CamComparison() {
    }

    /**
     * Checks that both versions can be explained at the settings' layer.
     *
     * @param a the baseline
     * @param b the compared version
     * @param settings the settings
     * @throws IllegalArgumentException naming the layer and the version if it is missing or not a convolution
     */
    public static void validate(NetworkModel a, NetworkModel b, Settings settings) {
        for (NetworkModel model : List.of(a, b)) {
            GradCam.requireConvolution(model.network(), settings.layerOf(a));
        }
    }

    /**
     * Compares the maps of two versions on the test images.
     *
     * @param a the baseline (the original version)
     * @param b the version compared with it (pruned, fine-tuned)
     * @param data the test set
     * @param normalization applied to its images
     * @param batchSize images per batch
     * @param settings layer, method and measures
     * @param monitor progress (one unit per batch) and cancellation
     * @return the scores
     * @throws IllegalArgumentException if the dataset is empty or the layer cannot be explained
     * @throws OperationCanceledException if cancelled
     */
    public static Result run(NetworkModel a, NetworkModel b, Dataset data, Normalization normalization, int batchSize,
            Settings settings, IProgressMonitor monitor) {
        Dataset used = settings.samples() == 0 ? data : Subsets.first(data, settings.samples());
        if (used.size() == 0) {
            throw new IllegalArgumentException("the dataset " + data.name() + " is empty");
        }
        validate(a, b, settings);
        String layer = settings.layerOf(a);
        int classes = data.classNames().size();
        Batches batches = Batches.inOrder(used, batchSize, normalization);
        SubMonitor sub = SubMonitor.convert(monitor, "Comparing the class-activation maps", batches.count());
        List<Sample> samples = new ArrayList<>(used.size());
        double[] sums = new double[classes];
        int[] counts = new int[classes];
        double s = 0;
        double f = 0;
        double h = 0;
        try (NDManager scope = a.manager().newSubManager()) {
            Iterator<Batch> it = batches.iterator(scope);
            while (it.hasNext()) {
                sub.split(1);
                try (Batch batch = it.next()) {
                    GradCam.Maps mapsA = GradCam.of(a, batch.images(), null, layer, settings.method());
                    GradCam.Maps mapsB = GradCam.of(b, batch.images(), mapsA.predicted(), layer, settings.method());
                    int[] labels = batch.labels().toIntArray();
                    for (int i = 0; i < batch.size(); i++) {
                        Sp2ps.ImageScore score = Sp2ps.compare(mapsA.maps()[i], mapsB.maps()[i], settings.measures());
                        samples.add(new Sample(batch.indices()[i], labels[i], mapsA.predicted()[i], mapsB.predicted()[i],
                                score.spatial(), score.spectral(), score.harmonic()));
                        sums[labels[i]] += score.harmonic();
                        counts[labels[i]]++;
                        s += score.spatial();
                        f += score.spectral();
                        h += score.harmonic();
                    }
                }
            }
        }
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            perClass[c] = counts[c] == 0 ? Double.NaN : sums[c] / counts[c];
        }
        int n = samples.size();
        return new Result(layer, List.copyOf(data.classNames()), List.copyOf(samples), perClass, s / n, f / n, h / n);
    }

    /**
     * The maps of chosen test images, for showing them: a batch of a few images, not a pass.
     *
     * @param a the baseline
     * @param b the compared version
     * @param data the test set
     * @param normalization applied to its images
     * @param settings layer and method
     * @param indices the images
     * @return their pixels and both maps, in the order of the indices
     */
    public static List<ImageMaps> maps(NetworkModel a, NetworkModel b, Dataset data, Normalization normalization,
            Settings settings, int[] indices) {
        validate(a, b, settings);
        if (indices.length == 0) {
            return List.of();
        }
        String layer = settings.layerOf(a);
        List<Integer> shape = data.imageShape();
        int size = data.imageSize();
        float[] raw = new float[indices.length * size];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= data.size()) {
                throw new IllegalArgumentException("image " + indices[i] + " is not in " + data.name() + " ("
                        + data.size() + " images)");
            }
            data.pixels(indices[i], raw, i * size);
        }
        float[] normalized = raw.clone();
        for (int i = 0; i < indices.length; i++) {
            normalization.apply(normalized, i * size, shape.get(1) * shape.get(2));
        }
        try (NDManager scope = a.manager().newSubManager()) {
            NDArray images = scope.create(normalized, new Shape(indices.length, shape.get(0), shape.get(1), shape.get(2)));
            GradCam.Maps mapsA = GradCam.of(a, images, null, layer, settings.method());
            GradCam.Maps mapsB = GradCam.of(b, images, mapsA.predicted(), layer, settings.method());
            List<ImageMaps> result = new ArrayList<>();
            for (int i = 0; i < indices.length; i++) {
                float[][][] pixels = new float[shape.get(0)][shape.get(1)][shape.get(2)];
                for (int c = 0; c < shape.get(0); c++) {
                    for (int y = 0; y < shape.get(1); y++) {
                        System.arraycopy(raw, i * size + (c * shape.get(1) + y) * shape.get(2), pixels[c][y], 0, shape.get(2));
                    }
                }
                result.add(new ImageMaps(indices[i], pixels, mapsA.maps()[i], mapsB.maps()[i], mapsA.predicted()[i]));
            }
            return result;
        }
    }
}
