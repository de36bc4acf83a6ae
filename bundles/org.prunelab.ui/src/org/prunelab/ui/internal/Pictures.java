package org.prunelab.ui.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

/**
 * Images, maps and weights as pixels scaled up by a whole factor: an input, a map in the jet colours of
 * Grad-CAM's papers (blue cold, red hot), alone or laid over its input, and signed values (a difference of
 * maps, a kernel's weights) in a diverging scale, blue below zero and red above. Only {@link ImageData} is
 * made, so this runs in jobs.
 */
public final class Pictures {

    private static final PaletteData RGB_PALETTE = new PaletteData(0xFF0000, 0xFF00, 0xFF);

    private Pictures() {
    }

    /**
     * The input image.
     *
     * @param pixels [channels][height][width] in [0, 1]
     * @param scale pixels per image pixel
     * @return the picture
     */
    public static ImageData input(float[][][] pixels, int scale) {
        return paint(pixels[0].length, pixels[0][0].length, scale, (y, x) -> grey(pixels, y, x));
    }

    /**
     * A map over the input, half and half.
     *
     * @param pixels the input
     * @param map the map in [0, 1]
     * @param scale pixels per image pixel
     * @return the picture
     */
    public static ImageData overlay(float[][][] pixels, float[][] map, int scale) {
        return paint(map.length, map[0].length, scale, (y, x) -> {
            RGB under = grey(pixels, y, x);
            RGB hot = jet(map[y][x]);
            return new RGB((under.red + hot.red) / 2, (under.green + hot.green) / 2, (under.blue + hot.blue) / 2);
        });
    }

    /**
     * The compared map less the baseline's.
     *
     * @param a the baseline's map
     * @param b the compared version's map
     * @param scale pixels per image pixel
     * @return the picture
     */
    public static ImageData difference(float[][] a, float[][] b, int scale) {
        return paint(a.length, a[0].length, scale, (y, x) -> diverging(b[y][x] - a[y][x]));
    }

    /**
     * A map alone, in jet colours.
     *
     * @param values H·W values, row-major
     * @param height H
     * @param width W
     * @param range the value drawn red; 0 and below are blue
     * @param scale pixels per map cell
     * @return the picture
     */
    public static ImageData map(float[] values, int height, int width, double range, int scale) {
        return paint(height, width, scale, (y, x) -> jet(values[y * width + x] / range));
    }

    /**
     * Signed values, as a kernel's weights, in the diverging scale.
     *
     * @param values H·W values, row-major
     * @param height H
     * @param width W
     * @param range the magnitude drawn fully saturated
     * @param scale pixels per value
     * @return the picture
     */
    public static ImageData signed(float[] values, int height, int width, double range, int scale) {
        return paint(height, width, scale, (y, x) -> diverging(values[y * width + x] / range));
    }

    /**
     * Jet: blue, cyan, yellow, red as v goes from 0 to 1.
     *
     * @param v a value in [0, 1]
     * @return its colour
     */
    public static RGB jet(double v) {
        return new RGB(channel(1.5 - Math.abs(4 * v - 3)), channel(1.5 - Math.abs(4 * v - 2)),
                channel(1.5 - Math.abs(4 * v - 1)));
    }

    /**
     * White at 0, saturating to red at +1 and blue at −1.
     *
     * @param d a value in [−1, 1]
     * @return its colour
     */
    public static RGB diverging(double d) {
        double t = Math.min(1, Math.abs(d));
        int fade = (int) Math.round(255 * (1 - t));
        return d >= 0 ? new RGB(255, fade, fade) : new RGB(fade, fade, 255);
    }

    private static RGB grey(float[][][] pixels, int y, int x) {
        if (pixels.length == 3) {
            return new RGB(byteOf(pixels[0][y][x]), byteOf(pixels[1][y][x]), byteOf(pixels[2][y][x]));
        }
        int v = byteOf(pixels[0][y][x]);
        return new RGB(v, v, v);
    }

    private static int byteOf(float v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    private static int channel(double v) {
        return (int) Math.round(255 * Math.max(0, Math.min(1, v)));
    }

    @FunctionalInterface
    private interface Colour {
        RGB at(int y, int x);
    }

    private static ImageData paint(int height, int width, int scale, Colour colour) {
        ImageData data = new ImageData(width * scale, height * scale, 24, RGB_PALETTE);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = RGB_PALETTE.getPixel(colour.at(y, x));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        data.setPixel(x * scale + dx, y * scale + dy, pixel);
                    }
                }
            }
        }
        return data;
    }
}
