package org.prunelab.runtime.data;

import java.util.List;

/**
 * A dataset held in memory as bytes (0–255), the form of IDX and CIFAR files.
 */
public final class ArrayDataset implements Dataset {

    private final String name;
    private final List<String> classNames;
    private final List<Integer> imageShape;
    private final byte[] pixels;
    private final byte[] labels;
    private final int imageSize;

    /**
     * Creates the dataset.
     *
     * @param name its name
     * @param classNames the class names, indexed by label
     * @param imageShape [channels, height, width]
     * @param pixels all images, channel-major, one after the other
     * @param labels one label per image
     * @throws IllegalArgumentException if the sizes disagree or a label has no class
     */
    public ArrayDataset(String name, List<String> classNames, List<Integer> imageShape, byte[] pixels, byte[] labels) {
        this.name = name;
        this.classNames = List.copyOf(classNames);
        this.imageShape = List.copyOf(imageShape);
        this.imageSize = imageShape.stream().reduce(1, (a, b) -> a * b);
        if ((long) labels.length * imageSize != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
                    + " pixel values for images of shape " + imageShape);
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= classNames.size()) {
                throw new IllegalArgumentException(name + ": sample " + i + " has label " + Byte.toUnsignedInt(labels[i])
                        + ", but there are only " + classNames.size() + " classes");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<Integer> imageShape() {
        return imageShape;
    }

    @Override
    public int label(int index) {
        return Byte.toUnsignedInt(labels[index]);
    }

    @Override
    public void pixels(int index, float[] target, int offset) {
        int base = index * imageSize;
        for (int i = 0; i < imageSize; i++) {
            target[offset + i] = Byte.toUnsignedInt(pixels[base + i]) / 255f;
        }
    }

    /**
     * The raw bytes of one image, for writers of dataset files.
     *
     * @param index the sample
     * @return a copy of its C·H·W bytes
     */
    public byte[] bytes(int index) {
        byte[] copy = new byte[imageSize];
        System.arraycopy(pixels, index * imageSize, copy, 0, imageSize);
        return copy;
    }
}
