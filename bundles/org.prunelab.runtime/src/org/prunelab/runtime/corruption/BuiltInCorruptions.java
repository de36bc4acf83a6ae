package org.prunelab.runtime.corruption;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The built-in corruptions. Severities follow ImageNet-C's (Hendrycks and Dietterich) where they carry
 * over, scaled for images of 28–32 pixels as MNIST-C does for blur, pixelation and geometry. Each acts on
 * every channel alike.
 */
final class BuiltInCorruptions {

    static final double[] GAUSSIAN_SIGMA = {0.08, 0.12, 0.18, 0.26, 0.38};
    static final double[] SHOT_PHOTONS = {60, 25, 12, 5, 3};
    static final double[] IMPULSE_SHARE = {0.03, 0.06, 0.09, 0.17, 0.27};
    static final double[] SPECKLE_SIGMA = {0.15, 0.2, 0.35, 0.45, 0.6};
    static final double[] BLUR_SIGMA = {0.5, 0.75, 1.0, 1.5, 2.0};
    static final int[] MOTION_LENGTH = {2, 3, 4, 6, 8};
    static final double[] BRIGHTNESS = {0.1, 0.2, 0.3, 0.4, 0.5};
    static final double[] CONTRAST = {0.4, 0.3, 0.2, 0.1, 0.05};
    static final double[] PIXELATE = {0.6, 0.5, 0.4, 0.3, 0.25};
    static final int[] JPEG_QUALITY = {25, 18, 15, 10, 7};
    static final double[] ROTATION_DEGREES = {5, 10, 15, 20, 30};
    static final int[] TRANSLATION_PIXELS = {1, 2, 3, 4, 5};

    private BuiltInCorruptions() {
    }

    /** A corruption from a function. */
    private record Simple(String id, String name, String family, Op op) implements ImageCorruption {
        @Override
        public float[] apply(float[] image, int channels, int height, int width, int severity, SplittableRandom random) {
            ImageCorruptions.checkSeverity(severity);
            float[] out = op.apply(image, channels, height, width, severity - 1, random);
            for (int i = 0; i < out.length; i++) {
                out[i] = clip(out[i]);
            }
            return out;
        }
    }

    @FunctionalInterface
    private interface Op {
        float[] apply(float[] image, int channels, int height, int width, int level, SplittableRandom random);
    }

    static List<ImageCorruption> all() {
        return List.of(
                new Simple("gaussianNoise", "Gaussian noise", "noise", (x, c, h, w, l, r) -> {
                    float[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += (float) (GAUSSIAN_SIGMA[l] * r.nextGaussian());
                    }
                    return y;
                }),
                new Simple("shotNoise", "Shot noise", "noise", (x, c, h, w, l, r) -> {
                    float[] y = new float[x.length];
                    for (int i = 0; i < y.length; i++) {
                        y[i] = (float) (poisson(clip(x[i]) * SHOT_PHOTONS[l], r) / SHOT_PHOTONS[l]);
                    }
                    return y;
                }),
                new Simple("impulseNoise", "Impulse noise", "noise", (x, c, h, w, l, r) -> {
                    float[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        if (r.nextDouble() < IMPULSE_SHARE[l]) {
                            y[i] = r.nextBoolean() ? 1 : 0;
                        }
                    }
                    return y;
                }),
                new Simple("speckleNoise", "Speckle noise", "noise", (x, c, h, w, l, r) -> {
                    float[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += (float) (x[i] * SPECKLE_SIGMA[l] * r.nextGaussian());
                    }
                    return y;
                }),
                new Simple("gaussianBlur", "Gaussian blur", "blur",
                        (x, c, h, w, l, r) -> gaussianBlur(x, c, h, w, BLUR_SIGMA[l])),
                new Simple("motionBlur", "Motion blur", "blur",
                        (x, c, h, w, l, r) -> motionBlur(x, c, h, w, MOTION_LENGTH[l], r.nextDouble() * Math.PI)),
                new Simple("brightness", "Brightness", "digital", (x, c, h, w, l, r) -> {
                    float[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += (float) BRIGHTNESS[l];
                    }
                    return y;
                }),
                new Simple("contrast", "Contrast", "digital", (x, c, h, w, l, r) -> contrast(x, c, h * w, CONTRAST[l])),
                new Simple("pixelate", "Pixelate", "digital",
                        (x, c, h, w, l, r) -> pixelate(x, c, h, w, PIXELATE[l])),
                new Simple("jpeg", "JPEG compression", "digital", (x, c, h, w, l, r) -> jpeg(x, c, h, w, JPEG_QUALITY[l])),
                new Simple("rotation", "Rotation", "geometric", (x, c, h, w, l, r) -> rotate(x, c, h, w,
                        Math.toRadians(ROTATION_DEGREES[l] * (r.nextBoolean() ? 1 : -1)))),
                new Simple("translation", "Translation", "geometric", (x, c, h, w, l, r) -> {
                    double angle = r.nextDouble() * 2 * Math.PI;
                    int dx = (int) Math.round(TRANSLATION_PIXELS[l] * Math.cos(angle));
                    int dy = (int) Math.round(TRANSLATION_PIXELS[l] * Math.sin(angle));
                    return translate(x, c, h, w, dx, dy);
                }));
    }

    static float clip(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    /** Knuth's method for small means, the normal approximation above (the photon counts stay ≤ 60). */
    static int poisson(double mean, SplittableRandom random) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double p = random.nextDouble();
        while (p > limit) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    /** A separable Gaussian of the given sigma, radius 3 sigma, edges repeated. */
    static float[] gaussianBlur(float[] x, int c, int h, int w, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        float[] rows = new float[x.length];
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * x[base + y * w + clamp(col + k, w)];
                    }
                    rows[base + y * w + col] = (float) v;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * rows[base + clamp(y + k, h) * w + col];
                    }
                    out[base + y * w + col] = (float) v;
                }
            }
        }
        return out;
    }

    /** The mean along a line of the given length through each pixel, at an angle; edges repeated. */
    static float[] motionBlur(float[] x, int c, int h, int w, int length, double angle) {
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    double v = 0;
                    // the trail behind the pixel, as a camera moving one way leaves it
                    for (int t = 0; t <= length; t++) {
                        v += bilinear(x, base, h, w, y - t * dy, col - t * dx);
                    }
                    out[base + y * w + col] = (float) (v / (length + 1));
                }
            }
        }
        return out;
    }

    /** Each channel pulled toward its mean by a factor. */
    static float[] contrast(float[] x, int c, int plane, double factor) {
        float[] y = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int i = 0; i < plane; i++) {
                mean += x[ch * plane + i];
            }
            mean /= plane;
            for (int i = 0; i < plane; i++) {
                y[ch * plane + i] = (float) ((x[ch * plane + i] - mean) * factor + mean);
            }
        }
        return y;
    }

    /** Box-averaged down to a share of the size, then blown up again by nearest neighbour. */
    static float[] pixelate(float[] x, int c, int h, int w, double share) {
        int sh = Math.max(1, (int) Math.round(h * share));
        int sw = Math.max(1, (int) Math.round(w * share));
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            double[] small = new double[sh * sw];
            int[] counts = new int[sh * sw];
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    int cell = (y * sh / h) * sw + col * sw / w;
                    small[cell] += x[base + y * w + col];
                    counts[cell]++;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    int cell = (y * sh / h) * sw + col * sw / w;
                    out[base + y * w + col] = (float) (small[cell] / counts[cell]);
                }
            }
        }
        return out;
    }

    /**
     * Through the JDK's JPEG encoder at a quality and back, as grey (one channel) or RGB (three); others
     * per channel. Grey channels take {@link GreyJpeg}, which gives the JDK codec's pixels without its cost.
     */
    static float[] jpeg(float[] x, int c, int h, int w, int quality) {
        if (c == 3) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    int p = y * w + col;
                    image.setRGB(col, y, byteOf(x[p]) << 16 | byteOf(x[h * w + p]) << 8 | byteOf(x[2 * h * w + p]));
                }
            }
            BufferedImage back = roundTrip(image, quality);
            float[] out = new float[x.length];
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    int rgb = back.getRGB(col, y);
                    int p = y * w + col;
                    out[p] = ((rgb >> 16) & 0xFF) / 255f;
                    out[h * w + p] = ((rgb >> 8) & 0xFF) / 255f;
                    out[2 * h * w + p] = (rgb & 0xFF) / 255f;
                }
            }
            return out;
        }
        float[] out = new float[x.length];
        int[] table = GreyJpeg.table(quality);
        int[] samples = new int[h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < samples.length; i++) {
                samples[i] = byteOf(x[ch * h * w + i]);
            }
            GreyJpeg.roundTrip(samples, h, w, table);
            for (int i = 0; i < samples.length; i++) {
                out[ch * h * w + i] = samples[i] / 255f;
            }
        }
        return out;
    }

    /**
     * An image through the JDK's JPEG writer and reader. The streams are kept in memory: ImageIO's own
     * stream factories would buffer each image in a temporary file.
     */
    static BufferedImage roundTrip(BufferedImage image, int quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
            ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
            try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                reader.setInput(stream, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("JPEG compression failed: " + e.getMessage(), e);
        }
    }

    private static int byteOf(float v) {
        return Math.round(clip(v) * 255);
    }

    /** Rotated about the centre, bilinear, black outside. */
    static float[] rotate(float[] x, int c, int h, int w, double radians) {
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    // where this pixel comes from: the inverse rotation
                    double sx = cos * (col - cx) + sin * (y - cy) + cx;
                    double sy = -sin * (col - cx) + cos * (y - cy) + cy;
                    out[base + y * w + col] = sx < -0.5 || sy < -0.5 || sx > w - 0.5 || sy > h - 0.5 ? 0
                            : (float) bilinear(x, base, h, w, sy, sx);
                }
            }
        }
        return out;
    }

    /** Shifted by whole pixels, black where nothing comes in. */
    static float[] translate(float[] x, int c, int h, int w, int dx, int dy) {
        float[] out = new float[x.length];
        for (int ch = 0; ch < c; ch++) {
            int base = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    int sy = y - dy;
                    int sx = col - dx;
                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                        out[base + y * w + col] = x[base + sy * w + sx];
                    }
                }
            }
        }
        return out;
    }

    private static double bilinear(float[] x, int base, int h, int w, double y, double col) {
        double fy = Math.max(0, Math.min(h - 1, y));
        double fx = Math.max(0, Math.min(w - 1, col));
        int y0 = (int) Math.floor(fy);
        int x0 = (int) Math.floor(fx);
        int y1 = Math.min(h - 1, y0 + 1);
        int x1 = Math.min(w - 1, x0 + 1);
        double ty = fy - y0;
        double tx = fx - x0;
        return (1 - ty) * ((1 - tx) * x[base + y0 * w + x0] + tx * x[base + y0 * w + x1])
                + ty * ((1 - tx) * x[base + y1 * w + x0] + tx * x[base + y1 * w + x1]);
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }
}
