package org.prunelab.examples.corruption;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.prunelab.runtime.corruption.ImageCorruption;

/**
 * MNIST-C's "stripe" in its simplest form: as many full-brightness rows as the severity, at rows drawn from
 * the image's own random numbers, in every channel (so grey and colour images alike).
 * <p>
 * The id, name and family come from plugin.xml; the methods below are what the interface needs outside a
 * workbench (tests that build one directly).
 */
public final class Stripes implements ImageCorruption {

    @Override
    public String id() {
        return "org.prunelab.examples.corruption.stripes";
    }

    @Override
    public String name() {
        return "Stripes (example)";
    }

    @Override
    public String family() {
        return "digital";
    }

    @Override
    public float[] apply(float[] image, int channels, int height, int width, int severity, SplittableRandom random) {
        float[] out = image.clone();
        for (int stripe = 0; stripe < severity; stripe++) {
            int row = random.nextInt(height);
            for (int c = 0; c < channels; c++) {
                int start = (c * height + row) * width;
                Arrays.fill(out, start, start + width, 1f);
            }
        }
        return out;
    }
}
