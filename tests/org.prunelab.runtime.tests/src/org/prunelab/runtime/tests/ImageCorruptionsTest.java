package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.corruption.CorruptedDataset;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.runtime.corruption.ImageCorruptions;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Dataset;

/**
 * The built-in corruptions: hand-computed cases, determinism, range and shape, and severity that makes
 * the image move further from the clean one.
 */
class ImageCorruptionsTest {

    private static final ImageCorruptions ALL = ImageCorruptions.builtIn();

    @Test
    void theBuiltInsAreMnistCsAndImageNetCsCommonKinds() {
        assertEquals(List.of("gaussianNoise", "shotNoise", "impulseNoise", "speckleNoise", "gaussianBlur", "motionBlur",
                "brightness", "contrast", "pixelate", "jpeg", "rotation", "translation"),
                ALL.all().stream().map(ImageCorruption::id).toList());
    }

    @Test
    void handComputedCases() {
        // brightness 1 adds 0.1, clipped at 1
        assertArrayEquals(new float[] {0.3f, 1f}, apply("brightness", new float[] {0.2f, 0.95f}, 1, 1, 2, 1), 1e-6f);
        // contrast 1 pulls toward the mean by 0.4: 0 and 1 around 0.5 become 0.3 and 0.7
        assertArrayEquals(new float[] {0.3f, 0.7f}, apply("contrast", new float[] {0, 1}, 1, 1, 2, 1), 1e-6f);
        // contrast works per channel: a colour image keeps each channel's own mean
        assertArrayEquals(new float[] {0.3f, 0.7f, 0.5f, 0.5f},
                apply("contrast", new float[] {0, 1, 0.5f, 0.5f}, 2, 1, 2, 1), 1e-6f);
        // pixelate 1 keeps 60 % of 2 pixels: one cell, the mean
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f},
                apply("pixelate", new float[] {0, 0.5f, 0.5f, 0}, 1, 2, 2, 1), 1e-6f);
        // a blur leaves a constant image as it is
        float[] grey = new float[28 * 28];
        Arrays.fill(grey, 0.4f);
        assertArrayEquals(grey, apply("gaussianBlur", grey, 1, 28, 28, 5), 1e-6f);
        assertArrayEquals(grey, apply("motionBlur", grey, 1, 28, 28, 5), 1e-6f);
        // a rotation about the centre keeps the centre pixel of a 3 × 3 image
        float[] dot = new float[9];
        dot[4] = 1;
        assertEquals(1, apply("rotation", dot, 1, 3, 3, 1)[4], 1e-6f);
    }

    @Test
    void aTranslationShiftsByAboutItsSeverityInWholePixels() {
        float[] image = pattern(1, 28, 28);
        for (int severity = 1; severity <= 5; severity++) {
            float[] moved = apply("translation", image, 1, 28, 28, severity);
            int[] shift = shiftOf(image, moved, 28, 28);
            assertTrue(shift != null, "severity " + severity + ": the image is shifted, not otherwise changed");
            double length = Math.hypot(shift[0], shift[1]);
            assertTrue(Math.abs(length - severity) <= 0.75, "severity " + severity + " moved " + length + " pixels");
        }
    }

    @Test
    void everyCorruptionIsDeterministicInRangeAndKeepsTheShapeForGreyAndColour() {
        for (int[] shape : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
            float[] image = pattern(shape[0], shape[1], shape[2]);
            for (ImageCorruption c : ALL.all()) {
                for (int severity = 1; severity <= 5; severity++) {
                    float[] a = c.apply(image, shape[0], shape[1], shape[2], severity, new SplittableRandom(7));
                    float[] b = c.apply(image, shape[0], shape[1], shape[2], severity, new SplittableRandom(7));
                    String what = c.id() + " " + severity + " on " + shape[0] + " channel(s)";
                    assertEquals(image.length, a.length, what);
                    assertArrayEquals(a, b, what + ": the same random numbers give the same image");
                    for (float v : a) {
                        assertTrue(v >= 0 && v <= 1, what + ": " + v);
                    }
                    assertFalse(Arrays.equals(a, image), what + " changes the image");
                }
            }
        }
    }

    @Test
    void aHigherSeverityMovesTheImageFurtherFromTheCleanOne() {
        for (int[] shape : new int[][] {{1, 28, 28}, {3, 32, 32}}) {
            float[] image = pattern(shape[0], shape[1], shape[2]);
            for (ImageCorruption c : ALL.all()) {
                if (c.id().equals("pixelate")) {
                    // how far blocks land from a pattern's edges depends on their alignment: pixelation is
                    // checked by the resolution it leaves, below
                    continue;
                }
                double previous = 0;
                for (int severity = 1; severity <= 5; severity++) {
                    double distance = 0;
                    for (int seed = 0; seed < 16; seed++) {
                        distance += meanAbsoluteDifference(image,
                                c.apply(image, shape[0], shape[1], shape[2], severity, new SplittableRandom(seed))) / 16;
                    }
                    assertTrue(distance > previous, c.id() + " on " + shape[0] + " channel(s): severity " + severity
                            + " gives " + distance + ", severity " + (severity - 1) + " gave " + previous);
                    previous = distance;
                }
            }
        }
    }

    @Test
    void pixelationLeavesFewerBlocksAtEachSeverity() {
        for (int side : new int[] {28, 32}) {
            float[] image = new float[side * side];
            Random random = new Random(5);
            for (int i = 0; i < image.length; i++) {
                image[i] = random.nextFloat();
            }
            long previous = Long.MAX_VALUE;
            for (int severity = 1; severity <= 5; severity++) {
                float[] blocks = apply("pixelate", image, 1, side, side, severity);
                long distinct = IntStream.range(0, blocks.length).mapToObj(i -> blocks[i]).distinct().count();
                assertTrue(distinct < previous, side + " px, severity " + severity + ": " + distinct + " blocks");
                previous = distinct;
            }
            assertEquals((side / 4) * (side / 4), previous, "severity 5 keeps a quarter of the pixels a side");
        }
    }

    @Test
    void shotNoiseKeepsTheMeanAndNoiseHasTheSigmaOfItsSeverity() {
        float[] half = new float[100_000];
        Arrays.fill(half, 0.5f);
        float[] shot = apply("shotNoise", half, 1, 1, half.length, 1);
        assertEquals(0.5, mean(shot), 0.005, "Poisson counts of 0.5 × 60 photons, divided by 60");
        float[] noisy = apply("gaussianNoise", half, 1, 1, half.length, 1);
        double variance = 0;
        for (float v : noisy) {
            variance += (v - 0.5) * (v - 0.5) / noisy.length;
        }
        assertEquals(0.08, Math.sqrt(variance), 0.002, "severity 1: sigma 0.08 (nothing clipped at 0.5 ± 5 sigma)");
    }

    @Test
    void aCorruptedDatasetReadsTheSameInAnyOrderAndLeavesTheCleanOneAlone() {
        Dataset clean = dataset(3, 8, 8, 6);
        Dataset noisy = new CorruptedDataset(clean, ALL.require("gaussianNoise", 3), 3, 42);
        assertEquals(clean.size(), noisy.size());
        assertEquals(clean.label(4), noisy.label(4));
        assertTrue(noisy.name().endsWith("Gaussian noise at severity 3"), noisy.name());
        float[] forward = new float[6 * clean.imageSize()];
        for (int i = 0; i < 6; i++) {
            noisy.pixels(i, forward, i * clean.imageSize());
        }
        float[] backward = new float[6 * clean.imageSize()];
        for (int i = 5; i >= 0; i--) {
            noisy.pixels(i, backward, i * clean.imageSize());
        }
        assertArrayEquals(forward, backward, "an image's noise depends on its index, not on the order of reading");
        float[] again = new float[clean.imageSize()];
        new CorruptedDataset(clean, ALL.require("gaussianNoise", 3), 3, 42).pixels(2, again, 0);
        assertArrayEquals(Arrays.copyOfRange(forward, 2 * clean.imageSize(), 3 * clean.imageSize()), again,
                "the same seed, the same set");
        float[] other = new float[clean.imageSize()];
        new CorruptedDataset(clean, ALL.require("gaussianNoise", 3), 3, 43).pixels(2, other, 0);
        assertFalse(Arrays.equals(again, other), "another seed, other noise");
        float[] first = new float[clean.imageSize()];
        float[] second = new float[clean.imageSize()];
        noisy.pixels(0, first, 0);
        noisy.pixels(1, second, 0);
        float[] cleanFirst = new float[clean.imageSize()];
        float[] cleanSecond = new float[clean.imageSize()];
        clean.pixels(0, cleanFirst, 0);
        clean.pixels(1, cleanSecond, 0);
        float[] noiseFirst = new float[first.length];
        float[] noiseSecond = new float[first.length];
        for (int i = 0; i < first.length; i++) {
            noiseFirst[i] = first[i] - cleanFirst[i];
            noiseSecond[i] = second[i] - cleanSecond[i];
        }
        assertFalse(Arrays.equals(noiseFirst, noiseSecond), "each image has its own noise");
        float[] unchanged = new float[clean.imageSize()];
        clean.pixels(0, unchanged, 0);
        assertArrayEquals(cleanFirst, unchanged, "the clean set is only read");
    }

    @Test
    void jpegGivesThePixelsOfTheJdksCodecAtEveryQualityForGreyAndColour() throws IOException {
        // the corruption computes grey channels itself; they must come out as ImageIO's write and read
        int[] qualities = {25, 18, 15, 10, 7};
        Dataset fashion = TestData.fashionTest();
        Random random = new Random(11);
        List<float[]> greys = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < fashion.size(); i += 25) {
            float[] image = new float[fashion.imageSize()];
            fashion.pixels(i, image, 0);
            greys.add(image);
            shapes.add(new int[] {28, 28});
        }
        // noise and hard edges make the largest coefficients, odd sizes partial blocks
        for (int[] hw : new int[][] {{28, 28}, {32, 32}, {1, 1}, {5, 13}, {17, 9}}) {
            for (int k = 0; k < 4; k++) {
                float[] image = new float[hw[0] * hw[1]];
                for (int p = 0; p < image.length; p++) {
                    image[p] = k % 2 == 0 ? random.nextFloat() : random.nextBoolean() ? 1 : 0;
                }
                greys.add(image);
                shapes.add(hw);
            }
        }
        for (int s = 1; s <= 5; s++) {
            ImageCorruption jpeg = ALL.require("jpeg", s);
            for (int i = 0; i < greys.size(); i++) {
                int h = shapes.get(i)[0];
                int w = shapes.get(i)[1];
                float[] image = greys.get(i);
                BufferedImage grey = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
                for (int p = 0; p < image.length; p++) {
                    grey.getRaster().setSample(p % w, p / w, 0, Math.round(image[p] * 255));
                }
                BufferedImage back = throughImageIo(grey, qualities[s - 1]);
                float[] expected = new float[image.length];
                for (int p = 0; p < image.length; p++) {
                    expected[p] = back.getRaster().getSample(p % w, p / w, 0) / 255f;
                }
                assertArrayEquals(expected, jpeg.apply(image, 1, h, w, s, new SplittableRandom(1)),
                        "severity " + s + ", image " + i + " (" + h + " × " + w + ")");
            }
            float[] colour = pattern(3, 32, 32);
            BufferedImage rgb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 32 * 32; p++) {
                rgb.setRGB(p % 32, p / 32, Math.round(colour[p] * 255) << 16 | Math.round(colour[1024 + p] * 255) << 8
                        | Math.round(colour[2048 + p] * 255));
            }
            BufferedImage back = throughImageIo(rgb, qualities[s - 1]);
            float[] expected = new float[colour.length];
            for (int p = 0; p < 32 * 32; p++) {
                int v = back.getRGB(p % 32, p / 32);
                expected[p] = ((v >> 16) & 0xFF) / 255f;
                expected[1024 + p] = ((v >> 8) & 0xFF) / 255f;
                expected[2048 + p] = (v & 0xFF) / 255f;
            }
            assertArrayEquals(expected, jpeg.apply(colour, 3, 32, 32, s, new SplittableRandom(1)), "RGB, severity " + s);
        }
    }

    /** ImageIO's plain way: its stream factories, a new writer, {@code ImageIO.read}. */
    private static BufferedImage throughImageIo(BufferedImage image, int quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
    }

    @Test
    void unknownCorruptionsAndSeveritiesSayWhatIsValid() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ALL.require("fog", 1));
        assertEquals("unknown corruption 'fog'; the installed ones are gaussianNoise, shotNoise, impulseNoise, "
                + "speckleNoise, gaussianBlur, motionBlur, brightness, contrast, pixelate, jpeg, rotation, translation",
                unknown.getMessage());
        for (int severity : new int[] {0, 6}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ALL.require("jpeg", severity));
            assertEquals("severity " + severity + " is outside 1–5 (1 mild, 5 strong)", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CorruptedDataset(dataset(1, 4, 4, 2), ALL.find("jpeg").orElseThrow(), 9, 1));
        ImageCorruptions mine = ImageCorruptions.builtIn();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> mine.add(ALL.find("jpeg").orElseThrow()));
        assertEquals("a corruption with id 'jpeg' is already installed", twice.getMessage());
    }

    private static float[] apply(String id, float[] image, int c, int h, int w, int severity) {
        return ALL.require(id, severity).apply(image, c, h, w, severity, new SplittableRandom(1));
    }

    /** A smooth gradient with a bright square and a dark bar, in [0.05, 0.55] so that brightness does not clip. */
    private static float[] pattern(int c, int h, int w) {
        float[] x = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int col = 0; col < w; col++) {
                    double v = 0.05 + 0.25 * (y + col + 3 * ch) / (h + w + 6.0);
                    if (y > h / 4 && y < h / 2 && col > w / 4 && col < w / 2) {
                        v += 0.25;
                    }
                    if (col > 2 * w / 3 && col < 2 * w / 3 + 3) {
                        v = 0.05;
                    }
                    x[(ch * h + y) * w + col] = (float) v;
                }
            }
        }
        return x;
    }

    private static int[] shiftOf(float[] image, float[] moved, int h, int w) {
        for (int dy = -6; dy <= 6; dy++) {
            for (int dx = -6; dx <= 6; dx++) {
                boolean same = true;
                for (int y = 0; y < h && same; y++) {
                    for (int col = 0; col < w && same; col++) {
                        int sy = y - dy;
                        int sx = col - dx;
                        float expected = sy >= 0 && sy < h && sx >= 0 && sx < w ? image[sy * w + sx] : 0;
                        same = moved[y * w + col] == expected;
                    }
                }
                if (same) {
                    return new int[] {dx, dy};
                }
            }
        }
        return null;
    }

    private static double meanAbsoluteDifference(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }

    private static double mean(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static Dataset dataset(int c, int h, int w, int n) {
        byte[] pixels = new byte[n * c * h * w];
        new Random(3).nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 2);
        }
        return new ArrayDataset("test", List.of("a", "b"), List.of(c, h, w), pixels, labels);
    }
}
