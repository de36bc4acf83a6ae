package org.prunelab.runtime.corruption;

import java.util.SplittableRandom;

/**
 * One kind of corruption of an image, at five severities.
 */
public interface ImageCorruption {

    /** The lowest severity. */
    int MIN_SEVERITY = 1;

    /** The highest severity. */
    int MAX_SEVERITY = 5;

    /**
     * A stable id, e.g. "gaussianNoise".
     *
     * @return the id
     */
    String id();

    /**
     * What the user reads, e.g. "Gaussian noise".
     *
     * @return the name
     */
    String name();

    /**
     * The family it belongs to: noise, blur, digital or geometric.
     *
     * @return the family
     */
    String family();

    /**
     * Corrupts one image.
     *
     * @param image the pixels in [0, 1], channel-major, [channels][height][width] flattened; not changed
     * @param channels C
     * @param height H
     * @param width W
     * @param severity 1 (mild) to 5 (strong)
     * @param random the image's own random numbers
     * @return the corrupted pixels, same layout, in [0, 1]
     */
    float[] apply(float[] image, int channels, int height, int width, int severity, SplittableRandom random);
}
