package org.prunelab.core.versions;

import java.util.List;

import org.prunelab.runtime.data.Dataset;

/**
 * Views of part of a dataset, without copying it.
 */
public final class Subsets {

    private Subsets() {
    }

    /**
     * At most {@code n} samples spread evenly over the dataset (so every class is represented when the
     * dataset interleaves them).
     *
     * @param dataset the dataset
     * @param n the number of samples wanted
     * @return the dataset itself if it is not larger, else a view
     */
    public static Dataset spread(Dataset dataset, int n) {
        if (n >= dataset.size()) {
            return dataset;
        }
        return new Dataset() {
            private int index(int i) {
                return (int) ((long) i * dataset.size() / n);
            }

            @Override
            public String name() {
                return dataset.name() + " (" + n + " samples)";
            }

            @Override
            public int size() {
                return n;
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
                return dataset.label(index(i));
            }

            @Override
            public void pixels(int i, float[] target, int offset) {
                dataset.pixels(index(i), target, offset);
            }
        };
    }
}
