package org.prunelab.runtime.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST: an images file ([n, rows, columns] unsigned bytes) and a
 * labels file ([n] unsigned bytes), each optionally gzipped.
 */
public final class IdxFiles {

    private static final int IMAGES_MAGIC = 0x0803;
    private static final int LABELS_MAGIC = 0x0801;

    private IdxFiles() {
    }

    /**
     * Reads a pair of IDX files.
     *
     * @param name the dataset's name
     * @param images the images file (gzipped or not)
     * @param labels the labels file (gzipped or not)
     * @param classNames the class names, indexed by label
     * @return the dataset, grey images [1, rows, columns]
     * @throws DatasetException naming the file if it is missing, truncated, not IDX, or does not match
     *             the other one
     */
    public static ArrayDataset read(String name, Path images, Path labels, List<String> classNames) {
        int rows;
        int columns;
        byte[] pixels;
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetException(images, "not an IDX images file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            rows = in.readInt();
            columns = in.readInt();
            if (n < 0 || rows <= 0 || columns <= 0) {
                throw new DatasetException(images, "invalid dimensions " + n + "×" + rows + "×" + columns);
            }
            pixels = new byte[Math.multiplyExact(n, Math.multiplyExact(rows, columns))];
            in.readFully(pixels);
        } catch (NoSuchFileException e) {
            throw new DatasetException(images, "the file is missing");
        } catch (EOFException e) {
            throw new DatasetException(images, "the file is truncated");
        } catch (IOException e) {
            throw new DatasetException(images, "cannot be read: " + e.getMessage());
        }
        byte[] labelBytes;
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetException(labels, "not an IDX labels file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            if ((long) n * rows * columns != pixels.length) {
                throw new DatasetException(labels, "has " + n + " labels, but " + images.getFileName() + " has "
                        + pixels.length / (rows * columns) + " images");
            }
            labelBytes = new byte[n];
            in.readFully(labelBytes);
        } catch (NoSuchFileException e) {
            throw new DatasetException(labels, "the file is missing");
        } catch (EOFException e) {
            throw new DatasetException(labels, "the file is truncated");
        } catch (IOException e) {
            throw new DatasetException(labels, "cannot be read: " + e.getMessage());
        }
        try {
            return new ArrayDataset(name, classNames, List.of(1, rows, columns), pixels, labelBytes);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(labels, e.getMessage());
        }
    }

    /**
     * Writes a grey dataset as two gzipped IDX files.
     *
     * @param dataset a dataset of [1, rows, columns] images
     * @param images where to write the images
     * @param labels where to write the labels
     * @throws IOException if writing fails
     */
    public static void write(ArrayDataset dataset, Path images, Path labels) throws IOException {
        List<Integer> shape = dataset.imageShape();
        if (shape.get(0) != 1) {
            throw new IllegalArgumentException("IDX holds grey images; " + dataset.name() + " has " + shape.get(0)
                    + " channels");
        }
        try (DataOutputStream out = gzip(images)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(dataset.size());
            out.writeInt(shape.get(1));
            out.writeInt(shape.get(2));
            for (int i = 0; i < dataset.size(); i++) {
                out.write(dataset.bytes(i));
            }
        }
        try (DataOutputStream out = gzip(labels)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(dataset.size());
            for (int i = 0; i < dataset.size(); i++) {
                out.writeByte(dataset.label(i));
            }
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzipped ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16)) : in);
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out, 1 << 16), 1 << 16));
    }
}
