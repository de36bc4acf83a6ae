package org.prunelab.core.filters;

import java.util.List;

import org.prunelab.runtime.probe.ClassMeans;

/**
 * NetPrune's {@code a_f(c)} for one layer: per class and filter, the spatial-mean activation after the
 * activation function, averaged over the class's samples and min-max normalised with the layer's smallest
 * and largest activation, so values lie in [0, 1].
 *
 * @param layer the convolution whose filters these are
 * @param classNames the dataset's classes, by label
 * @param means [classes][filters]; 0 for a class without samples
 * @param counts samples seen per class
 */
public record ClassActivations(String layer, List<String> classNames, double[][] means, long[] counts) {

    /**
     * Checks the shape.
     */
    public ClassActivations {
        classNames = List.copyOf(classNames);
        if (means.length != classNames.size() || counts.length != classNames.size()) {
            throw new IllegalArgumentException("layer '" + layer + "': " + means.length + " rows of means and "
                    + counts.length + " counts for " + classNames.size() + " classes");
        }
        for (double[] row : means) {
            if (row.length != means[0].length) {
                throw new IllegalArgumentException("layer '" + layer + "': rows of means differ in length");
            }
        }
    }

    /**
     * Reads a filled statistic.
     *
     * @param layer the convolution the statistic observed (after its activation)
     * @param classNames the dataset's classes
     * @param statistic the statistic after the probe pass
     * @return the normalised class activations
     */
    public static ClassActivations of(String layer, List<String> classNames, ClassMeans statistic) {
        double[][] means = statistic.normalizedMeans();
        for (double[] row : means) {
            for (int f = 0; f < row.length; f++) {
                // a class without samples has no mean: it differs from no other class
                if (Double.isNaN(row[f])) {
                    row[f] = 0;
                }
            }
        }
        return new ClassActivations(layer, classNames, means, statistic.counts());
    }

    /**
     * The number of filters.
     *
     * @return the layer's width
     */
    public int filters() {
        return means[0].length;
    }

    /**
     * The number of classes.
     *
     * @return the dataset's class count
     */
    public int classes() {
        return means.length;
    }

    /**
     * The activation of a filter for a class.
     *
     * @param classIndex a label
     * @param filter a filter index
     * @return {@code a_f(c)}
     */
    public double of(int classIndex, int filter) {
        return means[classIndex][filter];
    }

    /**
     * NetPrune's class pairwise difference of every filter: {@code CPD_f(A, B) = a_f(A) − a_f(B)}.
     *
     * @param baseline class A
     * @param compared class B
     * @return one difference per filter
     */
    public double[] difference(int baseline, int compared) {
        double[] difference = new double[filters()];
        for (int f = 0; f < difference.length; f++) {
            difference[f] = means[baseline][f] - means[compared][f];
        }
        return difference;
    }
}
