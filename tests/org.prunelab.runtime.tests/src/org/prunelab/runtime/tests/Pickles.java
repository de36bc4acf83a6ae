package org.prunelab.runtime.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-built pickles and PyTorch archives: the opcodes PyTorch writes, so that tests can make valid
 * archives of any shape and corrupt ones of any kind without Python.
 */
final class Pickles {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A pickle that starts with PROTO 2. */
    static Pickles protocol2() {
        return new Pickles().op(0x80).op(2);
    }

    Pickles op(int opcode) {
        out.write(opcode);
        return this;
    }

    Pickles raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** SHORT_BINUNICODE. */
    Pickles string(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return op(0x8c).op(bytes.length).raw(bytes);
    }

    /** BININT. */
    Pickles integer(int value) {
        return op('J').raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }

    /** GLOBAL. */
    Pickles global(String module, String name) {
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A tuple of the integers. */
    Pickles tuple(long... values) {
        op('(');
        for (long v : values) {
            integer((int) v);
        }
        return op('t');
    }

    /**
     * torch._utils._rebuild_tensor_v2 of a storage, as torch.save writes it.
     *
     * @param type e.g. "FloatStorage"
     * @param key the storage's entry under data/
     * @param size the storage's element count
     */
    Pickles tensor(String type, String key, long size, long offset, long[] shape, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", type).string(key).string("cpu").integer((int) size).op('t').op('Q');
        integer((int) offset).tuple(shape).tuple(stride).op(0x89);
        global("collections", "OrderedDict").op(')').op('R');
        return op('t').op('R');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** The pickle of {name: float tensor of the shape, contiguous, in storage key} for each entry, in order. */
    static byte[] stateDict(Map<String, long[]> shapes) {
        Pickles p = protocol2().op('}');
        int key = 0;
        for (Map.Entry<String, long[]> entry : shapes.entrySet()) {
            long[] shape = entry.getValue();
            long[] stride = new long[shape.length];
            long size = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                stride[d] = size;
                size *= shape[d];
            }
            p.string(entry.getKey()).tensor("FloatStorage", String.valueOf(key++), size, 0, shape, stride).op('s');
        }
        return p.op('.').bytes();
    }

    /** Little-endian float32 bytes, as PyTorch stores them. */
    static byte[] floats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /** Writes a PyTorch zip archive: archive/data.pkl and archive/data/KEY per storage. */
    static void writeArchive(Path file, byte[] pickle, Map<String, byte[]> storages) throws IOException {
        try (OutputStream stream = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(stream)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            for (Map.Entry<String, byte[]> storage : storages.entrySet()) {
                zip.putNextEntry(new ZipEntry("archive/data/" + storage.getKey()));
                zip.write(storage.getValue());
            }
        }
    }
}
