package org.prunelab.analyses.tests;

import java.util.SplittableRandom;

import org.prunelab.runtime.corruption.ImageCorruption;

/**
 * The corruption the tests contribute through {@code fragment.xml}.
 */
public final class TestCorruptions {

    private TestCorruptions() {
    }

    /** Blends the image towards its negative: x + (1 − 2x)·severity/5; writes into its input on purpose. */
    public static final class Invert implements ImageCorruption {

        @Override
        public String id() {
            return "ignored: the declaration names it";
        }

        @Override
        public String name() {
            return "ignored";
        }

        @Override
        public String family() {
            return "ignored";
        }

        @Override
        public float[] apply(float[] image, int channels, int height, int width, int severity, SplittableRandom random) {
            for (int i = 0; i < image.length; i++) {
                image[i] = image[i] + (1 - 2 * image[i]) * severity / 5f;
            }
            return image;
        }
    }
}
