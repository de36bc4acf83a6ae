package org.prunelab.runtime.corruption;

import java.util.List;
import java.util.SplittableRandom;

import org.prunelab.runtime.data.Dataset;

/**
 * A dataset seen through a corruption: each image is corrupted when it is read, with random numbers drawn
 * from the seed and the image's index alone, so that any image reads the same in any order and run.
 */
public final class CorruptedDataset implements Dataset {

    private final Dataset clean;
    private final ImageCorruption corruption;
    private final int severity;
    private final long seed;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] buffer;

    /**
     * Wraps a dataset.
     *
     * @param clean the clean images
     * @param corruption the corruption
     * @param severity 1–5
     * @param seed the seed of the whole corrupted set
     * @throws IllegalArgumentException if the severity is outside 1–5 or the images are not [C, H, W]
     */
    public CorruptedDataset(Dataset clean, ImageCorruption corruption, int severity, long seed) {
        ImageCorruptions.checkSeverity(severity);
        List<Integer> shape = clean.imageShape();
        if (shape.size() != 3) {
            throw new IllegalArgumentException(clean.name() + " has images of shape " + shape
                    + "; corruptions need [channels, height, width]");
        }
        this.clean = clean;
        this.corruption = corruption;
        this.severity = severity;
        this.seed = seed;
        this.channels = shape.get(0);
        this.height = shape.get(1);
        this.width = shape.get(2);
        this.buffer = new float[clean.imageSize()];
    }

    @Override
    public String name() {
        return clean.name() + ", " + corruption.name() + " at severity " + severity;
    }

    @Override
    public int size() {
        return clean.size();
    }

    @Override
    public List<String> classNames() {
        return clean.classNames();
    }

    @Override
    public List<Integer> imageShape() {
        return clean.imageShape();
    }

    @Override
    public int label(int index) {
        return clean.label(index);
    }

    @Override
    public void pixels(int index, float[] target, int offset) {
        clean.pixels(index, buffer, 0);
        float[] corrupted = corruption.apply(buffer, channels, height, width, severity, random(index));
        if (corrupted.length != buffer.length) {
            throw new IllegalStateException(corruption.id() + " returned " + corrupted.length + " values for an image of "
                    + buffer.length);
        }
        for (int i = 0; i < corrupted.length; i++) {
            // a contributed corruption may overshoot; the network sees [0, 1] like every image
            float v = corrupted[i];
            target[offset + i] = Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        }
    }

    private SplittableRandom random(int index) {
        // one independent stream per (seed, corruption, severity, image): the parts mixed by SplitMix64's
        // finaliser, so that neighbouring seeds or indices give unrelated streams
        long h = mix(seed);
        h = mix(h ^ corruption.id().hashCode());
        h = mix(h ^ severity);
        return new SplittableRandom(mix(h ^ index));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
