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
    /** Bytes per header field (the magic number and each dimension). */
    private static final int HEADER_INTS = 4;
    /** The largest Java array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private IdxFiles() {
    }

    /**
     * Reads a pair of IDX files. Headers are checked against what the files hold before anything is
     * allocated, so a corrupt header cannot claim gigabytes.
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
        int[] dims = new int[3];
        byte[] pixels = readBody(images, IMAGES_MAGIC, dims, "images");
        int[] labelDims = new int[1];
        byte[] labelBytes = readBody(labels, LABELS_MAGIC, labelDims, "labels");
        if (labelDims[0] != dims[0]) {
            throw new DatasetException(labels, "has " + labelDims[0] + " labels, but " + images.getFileName() + " has "
                    + dims[0] + " images");
        }
        try {
            return new ArrayDataset(name, classNames, List.of(1, dims[1], dims[2]), pixels, labelBytes);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(labels, e.getMessage());
        }
    }

    /**
     * Reads an IDX file of unsigned bytes.
     *
     * @param file the file
     * @param magic the expected magic number, which also gives the number of dimensions
     * @param dims receives the dimensions of the header
     * @param what "images" or "labels", for messages
     * @return the data after the header
     */
    private static byte[] readBody(Path file, int magic, int[] dims, String what) {
        try (DataInputStream in = open(file)) {
            int found = in.readInt();
            if (found != magic) {
                throw new DatasetException(file, "not an IDX " + what + " file (magic 0x" + Integer.toHexString(found)
                        + ", expected 0x" + Integer.toHexString(magic) + ")");
            }
            long bytes = 1;
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readInt();
                if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                    throw new DatasetException(file, "invalid dimensions in the header: " + header(dims, d));
                }
                // at most 2^31 · 2^31 before the check below: no long overflow
                bytes *= dims[d];
                if (bytes > MAX_BYTES) {
                    throw new DatasetException(file, "the header claims " + header(dims, d)
                            + " values, more than one dataset can hold (" + MAX_BYTES + ")");
                }
            }
            long stored = Files.size(file) - HEADER_INTS * (dims.length + 1L);
            if (!isGzipped(file) && bytes > stored) {
                throw new DatasetException(file, "is truncated: the header claims " + header(dims, dims.length)
                        + " = " + bytes + " bytes, the file holds " + Math.max(0, stored));
            }
            // readNBytes grows its buffer as data arrives, so a gzipped file cannot make it allocate more
            // than it really holds
            byte[] body = in.readNBytes((int) bytes);
            if (body.length < bytes) {
                throw new DatasetException(file, "is truncated: the header claims " + header(dims, dims.length)
                        + " = " + bytes + " bytes, the file holds " + body.length);
            }
            if (in.read() != -1) {
                throw new DatasetException(file, "has data after the " + header(dims, dims.length) + " " + what
                        + " its header announces");
            }
            return body;
        } catch (NoSuchFileException e) {
            throw new DatasetException(file, "the file is missing");
        } catch (EOFException e) {
            throw new DatasetException(file, "the file is truncated");
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static String header(int[] dims, int count) {
        StringBuilder text = new StringBuilder();
        for (int d = 0; d <= Math.min(count, dims.length - 1); d++) {
            text.append(d == 0 ? "" : "×").append(dims[d]);
        }
        return text.toString();
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
        try {
            return new DataInputStream(isGzipped(file) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16)) : in);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    private static boolean isGzipped(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static DataOutputStream gzip(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(out, 1 << 16), 1 << 16));
    }
}
