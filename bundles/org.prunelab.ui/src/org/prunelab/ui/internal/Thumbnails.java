package org.prunelab.ui.internal;

import java.util.List;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.prunelab.runtime.data.Dataset;

/**
 * Dataset images as SWT pixels, scaled up by whole factors so that small images (28 × 28, 32 × 32) are
 * visible and stay sharp. Only {@link ImageData} is made, so this runs in jobs; the UI thread turns it
 * into an image.
 */
public final class Thumbnails {

    /** 24-bit direct colour, red in the high byte. */
    private static final PaletteData RGB = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

    private Thumbnails() {
    }

    /**
     * Renders one sample: one channel as grey, three as red, green and blue.
     *
     * @param dataset the dataset; read from one thread at a time
     * @param index the sample
     * @param scale each pixel becomes a scale × scale square
     * @return the pixels
     * @throws IllegalArgumentException if the images have neither one nor three channels, or the scale is
     *             not positive
     */
    public static ImageData render(Dataset dataset, int index, int scale) {
        float[] pixels = new float[dataset.imageSize()];
        dataset.pixels(index, pixels, 0);
        return render(pixels, dataset.imageShape(), scale);
    }

    /**
     * Renders one image's pixels: one channel as grey, three as red, green and blue.
     *
     * @param pixels [channels][height][width] flattened, in [0, 1]
     * @param shape [channels, height, width]
     * @param scale each pixel becomes a scale × scale square
     * @return the picture
     * @throws IllegalArgumentException if the images have neither one nor three channels, or the scale is
     *             not positive
     */
    public static ImageData render(float[] pixels, List<Integer> shape, int scale) {
        int channels = shape.get(0);
        int height = shape.get(1);
        int width = shape.get(2);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("cannot show images of " + channels + " channels");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("the scale must be at least 1, not " + scale);
        }
        int plane = height * width;
        ImageData data = new ImageData(width * scale, height * scale, 24, RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                int r = byteOf(pixels[i]);
                int g = channels == 1 ? r : byteOf(pixels[plane + i]);
                int b = channels == 1 ? r : byteOf(pixels[2 * plane + i]);
                int rgb = r << 16 | g << 8 | b;
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        data.setPixel(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        return data;
    }

    private static int byteOf(float value) {
        return Math.round(Math.max(0, Math.min(1, value)) * 255);
    }
}
