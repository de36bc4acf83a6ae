package org.prunelab.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary version of CIFAR-10: files of records made of one label byte and 3072 pixel bytes (1024
 * red, 1024 green, 1024 blue, row-major 32×32).
 */
public final class CifarBinary {

    /** The class names of CIFAR-10, by label. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private static final int IMAGE = 3 * 32 * 32;
    private static final int RECORD = IMAGE + 1;
    /** The largest Java array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private CifarBinary() {
    }

    /**
     * The training set of an extracted {@code cifar-10-batches-bin} folder.
     *
     * @param dir the folder with {@code data_batch_1.bin} ... {@code data_batch_5.bin}
     * @return the 50 000 training images
     */
    public static ArrayDataset train(Path dir) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            files.add(dir.resolve("data_batch_" + i + ".bin"));
        }
        return read("CIFAR-10 train", files, CLASSES);
    }

    /**
     * The test set of an extracted {@code cifar-10-batches-bin} folder.
     *
     * @param dir the folder with {@code test_batch.bin}
     * @return the 10 000 test images
     */
    public static ArrayDataset test(Path dir) {
        return read("CIFAR-10 test", List.of(dir.resolve("test_batch.bin")), CLASSES);
    }

    /**
     * Reads record files into one dataset.
     *
     * @param name the dataset's name
     * @param files the files, read in order
     * @param classNames the class names, indexed by label
     * @return the dataset of [3, 32, 32] images
     * @throws DatasetException naming a file that is missing, not a whole number of records, or has a label
     *             without a class
     */
    public static ArrayDataset read(String name, List<Path> files, List<String> classNames) {
        // sizes first: nothing is read or allocated for files that cannot make a dataset together
        long total = 0;
        for (Path file : files) {
            long size = size(file);
            if (size == 0 || size % RECORD != 0) {
                throw new DatasetException(file, size + " bytes is not a whole number of " + RECORD
                        + "-byte CIFAR records (truncated?)");
            }
            total += size / RECORD;
            if (total * IMAGE > MAX_BYTES) {
                throw new DatasetException(file, "brings the dataset to " + total + " images, more than one dataset "
                        + "can hold (" + MAX_BYTES / IMAGE + ")");
            }
        }
        int n = (int) total;
        byte[] pixels = new byte[n * IMAGE];
        byte[] labels = new byte[n];
        int k = 0;
        for (Path file : files) {
            byte[] bytes = contents(file);
            if (bytes.length != size(file) || k + bytes.length / RECORD > n) {
                throw new DatasetException(file, "changed while it was read");
            }
            for (int r = 0; r < bytes.length / RECORD; r++, k++) {
                int label = Byte.toUnsignedInt(bytes[r * RECORD]);
                if (label >= classNames.size()) {
                    throw new DatasetException(file, "record " + r + " has label " + label + ", but there are only "
                            + classNames.size() + " classes");
                }
                labels[k] = bytes[r * RECORD];
                System.arraycopy(bytes, r * RECORD + 1, pixels, k * IMAGE, IMAGE);
            }
        }
        return new ArrayDataset(name, classNames, List.of(3, 32, 32), pixels, labels);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "the file is missing");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static byte[] contents(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "the file is missing");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
    }
}
