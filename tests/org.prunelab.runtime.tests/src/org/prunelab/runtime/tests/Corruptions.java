package org.prunelab.runtime.tests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Deterministic corruptions of a valid file: truncations, flipped bytes, and NaN written into weights.
 */
final class Corruptions {

    /** One corrupted file. */
    record Corruption(String description, byte[] bytes) {
    }

    private Corruptions() {
    }

    /**
     * Truncations at a dozen offsets (the header's first and the body's), every header byte flipped, and
     * bytes flipped at random positions, with a seed.
     */
    static List<Corruption> of(byte[] valid, long seed) {
        List<Corruption> corruptions = new ArrayList<>();
        int n = valid.length;
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, 2, 3, 4, 7, 8, 12, 16, 24, 32, n / 4, n / 2, 3 * n / 4, n - 1));
        for (int cut : cuts) {
            if (cut < n) {
                corruptions.add(new Corruption("truncated to " + cut + " bytes", Arrays.copyOf(valid, cut)));
            }
        }
        TreeSet<Integer> flips = new TreeSet<>();
        for (int i = 0; i < Math.min(24, n); i++) {
            flips.add(i);
        }
        Random random = new Random(seed);
        while (flips.size() < Math.min(n, 48)) {
            flips.add(random.nextInt(n));
        }
        for (int at : flips) {
            byte[] flipped = valid.clone();
            flipped[at] ^= (byte) (at < 24 ? 0xff : 1 + random.nextInt(255));
            corruptions.add(new Corruption("byte " + at + " flipped", flipped));
        }
        byte[] longer = Arrays.copyOf(valid, n + 7);
        corruptions.add(new Corruption("7 bytes appended", longer));
        return corruptions;
    }

    /** NaN written as the first value, and +Inf as the last, of every parameter of a weights file. */
    static List<Corruption> nanWeights(byte[] valid) throws IOException {
        List<Corruption> corruptions = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(valid));
        in.skipNBytes(12);
        int count = in.readInt();
        int at = 16;
        for (int p = 0; p < count; p++) {
            String name = in.readUTF();
            at += 2 + name.length();
            int rank = in.readInt();
            long size = 1;
            for (int d = 0; d < rank; d++) {
                size *= in.readLong();
            }
            at += 4 + 8 * rank;
            corruptions.add(new Corruption("NaN in " + name, put(valid, at, Float.NaN, ByteOrder.BIG_ENDIAN)));
            int last = at + (int) (size - 1) * 4;
            corruptions.add(new Corruption("+Inf in " + name, put(valid, last, Float.POSITIVE_INFINITY,
                    ByteOrder.BIG_ENDIAN)));
            in.skipNBytes(size * 4);
            at += (int) size * 4;
        }
        return corruptions;
    }

    /** NaN written as the first value of every storage of a PyTorch archive (the zip is rewritten). */
    static List<Corruption> nanStorages(byte[] valid, Path scratch) throws IOException {
        // PyTorch's zips store entries with data descriptors, which ZipInputStream refuses: read them as a file
        Path file = Files.write(Files.createTempFile(scratch, "archive", ".pt"), valid);
        List<Corruption> corruptions = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry storage : entries) {
                if (!storage.getName().matches("[^/]+/data/[^/]+")) {
                    continue;
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ZipOutputStream out = new ZipOutputStream(bytes)) {
                    for (ZipEntry entry : entries) {
                        byte[] data;
                        try (InputStream in = zip.getInputStream(entry)) {
                            data = in.readAllBytes();
                        }
                        if (entry == storage && data.length >= 4) {
                            data = put(data, 0, Float.NaN, ByteOrder.LITTLE_ENDIAN);
                        }
                        out.putNextEntry(new ZipEntry(entry.getName()));
                        out.write(data);
                    }
                }
                corruptions.add(new Corruption("NaN in " + storage.getName(), bytes.toByteArray()));
            }
        }
        return corruptions;
    }

    private static byte[] put(byte[] valid, int at, float value, ByteOrder order) {
        byte[] copy = valid.clone();
        ByteBuffer.wrap(copy).order(order).putFloat(at, value);
        return copy;
    }
}
