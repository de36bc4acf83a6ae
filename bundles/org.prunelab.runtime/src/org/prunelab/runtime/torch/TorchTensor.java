package org.prunelab.runtime.torch;

import java.util.Arrays;

/**
 * A tensor read from a PyTorch archive.
 *
 * @param name its dotted name, e.g. "features.0.weight" or "0.running_mean"
 * @param dtype the storage type, e.g. "FloatStorage"
 * @param shape its size
 * @param values its values in row-major order (empty for non-float storages)
 */
public record TorchTensor(String name, String dtype, long[] shape, float[] values) {

    /**
     * Whether the values were read (float32 storage).
     *
     * @return true for float tensors
     */
    public boolean isFloat() {
        return "FloatStorage".equals(dtype);
    }

    /**
     * The shape as text, as PyTorch prints it.
     *
     * @return e.g. "[8, 4, 3, 3]"
     */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
