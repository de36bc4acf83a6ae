package org.prunelab.runtime.internal;

/**
 * Finds NaN and infinite values where they enter the runtime (weights files, PyTorch archives), so that
 * a corrupt or diverged model is refused at loading instead of surfacing later as a meaningless accuracy.
 */
public final class NonFinite {

    private NonFinite() {
    }

    /**
     * The first value that is NaN or infinite.
     *
     * @param values the values to check
     * @return its index, or -1 if all are finite
     */
    public static int firstIndex(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Says which value is not finite, for a message that already names the file.
     *
     * @param what e.g. "parameter 'conv1.weight'"
     * @param values its values
     * @param index the index returned by {@link #firstIndex}
     * @return e.g. "parameter 'conv1.weight' holds NaN at index 7 of 288"
     */
    public static String describe(String what, float[] values, int index) {
        return what + " holds " + values[index] + " at index " + index + " of " + values.length;
    }
}
