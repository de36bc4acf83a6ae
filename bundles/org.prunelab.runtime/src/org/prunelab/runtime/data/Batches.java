package org.prunelab.runtime.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Batches of a dataset, built one at a time so that memory does not grow with the dataset.
 *
 * @param dataset the samples
 * @param batchSize samples per batch (the last batch may be smaller)
 * @param normalization applied to every image
 * @param shuffleSeed null to keep the dataset's order; else the seed of the permutation
 * @param augment true to flip images horizontally at random and crop them at a random offset after
 *            4-pixel zero padding (the CIFAR recipe); uses {@code shuffleSeed}
 */
public record Batches(Dataset dataset, int batchSize, Normalization normalization, Long shuffleSeed, boolean augment) {

    /** Checks the settings. */
    public Batches {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, not " + batchSize);
        }
        if (normalization.mean().size() != dataset.imageShape().get(0)) {
            throw new IllegalArgumentException("the normalisation has " + normalization.mean().size()
                    + " channels, " + dataset.name() + " has " + dataset.imageShape().get(0));
        }
    }

    /**
     * Batches in the dataset's order, without augmentation: for evaluation and probing.
     *
     * @param dataset the samples
     * @param batchSize samples per batch
     * @param normalization applied to every image
     * @return the batches
     */
    public static Batches inOrder(Dataset dataset, int batchSize, Normalization normalization) {
        return new Batches(dataset, batchSize, normalization, null, false);
    }

    /**
     * The number of batches.
     *
     * @return ⌈size / batchSize⌉
     */
    public int count() {
        return (dataset.size() + batchSize - 1) / batchSize;
    }

    /**
     * Iterates the batches; each is created in a new sub-manager of {@code parent}.
     *
     * @param parent the manager under which batch managers are created
     * @return the iterator; close each batch after use
     */
    public Iterator<Batch> iterator(NDManager parent) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = shuffleSeed == null ? null : new Random(shuffleSeed);
        if (random != null) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<Integer> shape = dataset.imageShape();
        int size = dataset.imageSize();
        int plane = shape.get(1) * shape.get(2);
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int count = Math.min(batchSize, n - next);
                int[] indices = new int[count];
                float[] pixels = new float[count * size];
                int[] labels = new int[count];
                for (int b = 0; b < count; b++) {
                    int index = order[next + b];
                    indices[b] = index;
                    labels[b] = dataset.label(index);
                    dataset.pixels(index, pixels, b * size);
                    if (augment) {
                        flipAndCrop(pixels, b * size, shape, random == null ? new Random(index) : random);
                    }
                    normalization.apply(pixels, b * size, plane);
                }
                next += count;
                NDManager manager = parent.newSubManager();
                return new Batch(manager,
                        manager.create(pixels, new Shape(count, shape.get(0), shape.get(1), shape.get(2))),
                        manager.create(labels), indices);
            }
        };
    }

    private static void flipAndCrop(float[] pixels, int offset, List<Integer> shape, Random random) {
        int channels = shape.get(0);
        int height = shape.get(1);
        int width = shape.get(2);
        boolean flip = random.nextBoolean();
        int dy = random.nextInt(9) - 4;
        int dx = random.nextInt(9) - 4;
        float[] source = new float[channels * height * width];
        System.arraycopy(pixels, offset, source, 0, source.length);
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sy = y + dy;
                    int sx = flip ? width - 1 - (x + dx) : x + dx;
                    boolean inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
                    pixels[offset + (c * height + y) * width + x] = inside ? source[(c * height + sy) * width + sx] : 0f;
                }
            }
        }
    }
}
