package org.prunelab.runtime.data;

import java.util.List;

/**
 * A labelled set of images of one shape. Implementations may hold the pixels in memory or read them on
 * demand; either way, {@link #pixels} may be called from one thread at a time.
 */
public interface Dataset {

    /**
     * A short description, e.g. "Fashion-MNIST test (10000 images)".
     *
     * @return the dataset's name
     */
    String name();

    /**
     * The number of samples.
     *
     * @return the size, &ge; 0
     */
    int size();

    /**
     * The class names, indexed by label.
     *
     * @return the names
     */
    List<String> classNames();

    /**
     * The shape of one image.
     *
     * @return [channels, height, width]
     */
    List<Integer> imageShape();

    /**
     * The label of a sample.
     *
     * @param index the sample, 0 &le; index &lt; size
     * @return its class
     */
    int label(int index);

    /**
     * Writes a sample's pixels, scaled to [0, 1], channel-major, into an array.
     *
     * @param index the sample
     * @param target where to write C·H·W values
     * @param offset where in {@code target} to start
     */
    void pixels(int index, float[] target, int offset);

    /**
     * C·H·W.
     *
     * @return values per image
     */
    default int imageSize() {
        return imageShape().stream().reduce(1, (a, b) -> a * b);
    }
}
