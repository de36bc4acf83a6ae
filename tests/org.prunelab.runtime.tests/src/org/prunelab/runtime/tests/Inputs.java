package org.prunelab.runtime.tests;

import java.util.Random;

/**
 * Reproducible test inputs, independent of libtorch's random generator.
 */
final class Inputs {

    private Inputs() {
    }

    /** n values uniform in [0, 1) from a seeded generator. */
    static float[] uniform(int n, long seed) {
        Random random = new Random(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }
}
