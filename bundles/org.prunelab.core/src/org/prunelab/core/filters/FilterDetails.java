package org.prunelab.core.filters;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.probe.TopActivations;

/**
 * CNNPruner's filter view of one convolution, computed with one probe pass: for every filter of the
 * layer, its kernel, its maps on a few example images, the test images that activate it most with their
 * maps, and its score under every installed metric. Filters can be switched without computing again.
 *
 * @param version the version
 * @param layer the convolution
 * @param convolutions every convolution of the version, in network order
 * @param classNames the dataset's classes, by label
 * @param kernels the layer's weights
 * @param mapHeight the height of the maps (after the layer's activation function)
 * @param mapWidth their width
 * @param images the probe images the maps are shown on, by probe index
 * @param examples the probe indices of the example images, one per class while there are classes
 * @param exampleMaps [filter][example] the filter's map on each example image, H·W row-major
 * @param top [filter] the probe images that activate the filter most, most first
 * @param scores metric id to one score per filter (higher is more important), for the metrics that scored
 * @param failures metric id to the reason it did not score
 * @param probeSamples how many test images the pass saw
 */
public record FilterDetails(ModelVersion version, String layer, List<String> convolutions, List<String> classNames,
        Kernels kernels, int mapHeight, int mapWidth, Map<Integer, Image> images, int[] examples,
        float[][][] exampleMaps,
        List<List<TopActivations.Entry>> top, Map<String, double[]> scores, Map<String, String> failures,
        int probeSamples) {

    /**
     * A convolution's weights.
     *
     * @param filters output channels
     * @param inputs input channels each filter sees
     * @param height kernel height
     * @param width kernel width
     * @param weights [filter][input][height][width], row-major
     */
    public record Kernels(int filters, int inputs, int height, int width, float[] weights) {

        /**
         * Checks the size.
         */
        public Kernels {
            if (weights.length != filters * inputs * height * width) {
                throw new IllegalArgumentException(weights.length + " weights for " + filters + " filters of "
                        + inputs + "×" + height + "×" + width);
            }
        }

        /**
         * One input channel's slice of a filter.
         *
         * @param filter the filter
         * @param input the input channel
         * @return height·width weights, row-major
         */
        public float[] of(int filter, int input) {
            int size = height * width;
            int start = (filter * inputs + input) * size;
            return Arrays.copyOfRange(weights, start, start + size);
        }

        /**
         * The largest magnitude of a filter's weights, so that its slices share one colour scale.
         *
         * @param filter the filter
         * @return max |w|
         */
        public double range(int filter) {
            int size = inputs * height * width;
            double range = 0;
            for (int i = filter * size; i < (filter + 1) * size; i++) {
                range = Math.max(range, Math.abs(weights[i]));
            }
            return range;
        }
    }

    /**
     * A probe image.
     *
     * @param index its index in the probe set
     * @param label its class
     * @param shape [channels, height, width]
     * @param pixels its pixels as the dataset gives them, before normalisation
     */
    public record Image(int index, int label, List<Integer> shape, float[] pixels) {
    }

    /**
     * Copies the collections.
     */
    public FilterDetails {
        convolutions = List.copyOf(convolutions);
        classNames = List.copyOf(classNames);
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
        top = List.copyOf(top);
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /**
     * The layer's width.
     *
     * @return its filter count
     */
    public int filters() {
        return kernels.filters();
    }

    /**
     * A filter's rank in the layer under a metric.
     *
     * @param metric a metric that scored
     * @param filter the filter
     * @return 1 for the most important filter, ties to the lower index as the filter views order them
     */
    public int rank(String metric, int filter) {
        int[] ranked = FilterOrder.byImportance(scores.get(metric)).ranked();
        for (int r = 0; r < ranked.length; r++) {
            if (ranked[r] == filter) {
                return r + 1;
            }
        }
        throw new IllegalArgumentException("layer '" + layer + "' has no filter " + filter);
    }

    /**
     * The largest value of a filter's maps shown (examples and top images), so that they share one scale.
     *
     * @param filter the filter
     * @return the maximum, at least a tiny positive value
     */
    public double mapRange(int filter) {
        double range = 1e-12;
        for (float[] map : exampleMaps[filter]) {
            for (float v : map) {
                range = Math.max(range, Math.abs(v));
            }
        }
        for (TopActivations.Entry entry : top.get(filter)) {
            for (float v : entry.map()) {
                range = Math.max(range, Math.abs(v));
            }
        }
        return range;
    }
}
