package org.prunelab.core.versions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.prunelab.runtime.data.Dataset;

/**
 * Views of part of a dataset, without copying its images.
 */
public final class Subsets {

    private Subsets() {
    }

    /**
     * At most {@code n} samples, stratified by class: each class contributes in proportion to its size
     * (largest remainders round the shares), its samples spread evenly over its occurrences, and the
     * result keeps the dataset's order. A plain stride would alias with datasets that interleave their
     * classes periodically (every fifth image of a set that cycles through ten classes is one of two).
     *
     * @param dataset the dataset
     * @param n the number of samples wanted
     * @return the dataset itself if it is not larger, else a view
     */
    public static Dataset spread(Dataset dataset, int n) {
        if (n >= dataset.size()) {
            return dataset;
        }
        return view(dataset, stratified(dataset, n), dataset.name() + " (" + n + " samples)");
    }

    /**
     * The first samples of a dataset, in its order: sample i of the view is sample i of the dataset.
     *
     * @param dataset the dataset
     * @param n the number of samples wanted
     * @return the dataset itself if it is not larger, else a view
     */
    public static Dataset first(Dataset dataset, int n) {
        if (n >= dataset.size()) {
            return dataset;
        }
        return view(dataset, IntStream.range(0, n).toArray(), dataset.name() + " (first " + n + ")");
    }

    private static Dataset view(Dataset dataset, int[] indices, String name) {
        return new Dataset() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int size() {
                return indices.length;
            }

            @Override
            public List<String> classNames() {
                return dataset.classNames();
            }

            @Override
            public List<Integer> imageShape() {
                return dataset.imageShape();
            }

            @Override
            public int label(int i) {
                return dataset.label(indices[i]);
            }

            @Override
            public void pixels(int i, float[] target, int offset) {
                dataset.pixels(indices[i], target, offset);
            }
        };
    }

    private static int[] stratified(Dataset dataset, int n) {
        int classes = dataset.classNames().size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < dataset.size(); i++) {
            byClass.get(dataset.label(i)).add(i);
        }
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double share = (double) n * byClass.get(c).size() / dataset.size();
            quota[c] = (int) Math.floor(share);
            remainder[c] = share - quota[c];
            given += quota[c];
        }
        while (given < n) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (remainder[c] > remainder[best]) {
                    best = c;
                }
            }
            quota[best]++;
            remainder[best] = -1;
            given++;
        }
        int[] chosen = new int[n];
        int k = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            for (int j = 0; j < quota[c]; j++) {
                chosen[k++] = members.get((int) ((long) j * members.size() / quota[c]));
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }
}
