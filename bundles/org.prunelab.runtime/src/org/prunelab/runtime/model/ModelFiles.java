package org.prunelab.runtime.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.prunelab.runtime.internal.NonFinite;
import org.prunelab.runtime.network.InvalidNetworkException;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A model on disk: {@value #NETWORK_FILE} (the IR) and {@value #WEIGHTS_FILE} (every parameter, named,
 * with its shape). Loading checks every name and shape against the IR, so a corrupt, truncated or
 * mismatched file is refused with a message naming the file and the problem, and so is a weight that is
 * NaN or infinite.
 * <p>
 * Weights format (big-endian): the magic {@code PLWEIGHT}, format version, parameter count, then per
 * parameter its UTF-8 name, rank, dimensions and float32 values.
 */
public final class ModelFiles {

    /** The IR file in a model directory. */
    public static final String NETWORK_FILE = "network.json";

    /** The weights file in a model directory. */
    public static final String WEIGHTS_FILE = "weights.bin";

    private static final byte[] MAGIC = "PLWEIGHT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    /** Far above any real network description; guards against reading a wrong, huge file into memory. */
    private static final long MAX_NETWORK_BYTES = 16L << 20;

    private ModelFiles() {
    }

    /**
     * Writes a model into a directory, creating it if needed.
     *
     * @param model the model
     * @param directory where to write its two files
     * @throws IOException if writing fails
     */
    public static void save(NetworkModel model, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(NETWORK_FILE), NetworkJson.toJson(model.network()));
        try (OutputStream file = Files.newOutputStream(directory.resolve(WEIGHTS_FILE));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
            writeWeights(model.parameters(), out);
        }
    }

    /**
     * The size of a saved model: what pruning saves on disk.
     *
     * @param directory a model directory written by {@link #save}
     * @return bytes of its network and weights files
     * @throws IOException if a file cannot be measured
     */
    public static long bytesOnDisk(Path directory) throws IOException {
        return Files.size(directory.resolve(NETWORK_FILE)) + Files.size(directory.resolve(WEIGHTS_FILE));
    }

    /**
     * Writes parameters in the weights format.
     *
     * @param parameters name to array
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public static void writeWeights(Map<String, NDArray> parameters, DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(parameters.size());
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            out.writeUTF(entry.getKey());
            long[] dims = entry.getValue().getShape().getShape();
            out.writeInt(dims.length);
            for (long d : dims) {
                out.writeLong(d);
            }
            for (float v : entry.getValue().toFloatArray()) {
                out.writeFloat(v);
            }
        }
        out.flush();
    }

    /**
     * Reads a model from a directory written by {@link #save}.
     *
     * @param directory the model directory
     * @param parent the manager under which the model's manager is created
     * @return the model
     * @throws ModelFileException naming the file and what is wrong with it, including a weight that is NaN
     *             or infinite
     */
    public static NetworkModel load(Path directory, NDManager parent) {
        Network network = network(directory);
        Path weightsFile = directory.resolve(WEIGHTS_FILE);
        Map<String, Shape> specs = ParameterSpecs.of(network);
        NDManager manager = parent.newSubManager();
        try (InputStream file = Files.newInputStream(weightsFile);
                CountingInputStream counted = new CountingInputStream(new BufferedInputStream(file, 1 << 16));
                DataInputStream in = new DataInputStream(counted)) {
            Map<String, NDArray> parameters = readWeights(in, Files.size(weightsFile), counted, specs, manager);
            return NetworkModel.of(network, manager, parameters);
        } catch (NoSuchFileException e) {
            manager.close();
            throw new ModelFileException(weightsFile, "the file is missing");
        } catch (EOFException e) {
            manager.close();
            throw new ModelFileException(weightsFile, "the file is truncated");
        } catch (UTFDataFormatException e) {
            manager.close();
            throw new ModelFileException(weightsFile, "a parameter name is not valid text (the file is corrupt)");
        } catch (IOException | IllegalArgumentException e) {
            manager.close();
            throw new ModelFileException(weightsFile, e.getMessage());
        }
    }

    /**
     * The network of a model directory, without its weights (what views that only draw or count need).
     *
     * @param directory the model directory
     * @return the network
     * @throws ModelFileException naming the file and what is wrong with it
     */
    public static Network network(Path directory) {
        return networkFile(directory.resolve(NETWORK_FILE));
    }

    /**
     * A network description in a file of any name (a {@code network.json} given to the command line).
     *
     * @param networkFile the JSON file
     * @return the network
     * @throws ModelFileException naming the file and what is wrong with it
     */
    public static Network networkFile(Path networkFile) {
        try {
            long size = Files.size(networkFile);
            if (size > MAX_NETWORK_BYTES) {
                throw new ModelFileException(networkFile, "is " + size + " bytes; a network description is at most "
                        + MAX_NETWORK_BYTES + " (is this the right file?)");
            }
            return NetworkJson.fromJson(Files.readString(networkFile));
        } catch (NoSuchFileException e) {
            throw new ModelFileException(networkFile, "the file is missing");
        } catch (CharacterCodingException e) {
            throw new ModelFileException(networkFile, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ModelFileException(networkFile, "cannot be read: " + e.getMessage());
        } catch (InvalidNetworkException e) {
            throw new ModelFileException(networkFile, e.getMessage());
        }
    }

    private static Map<String, NDArray> readWeights(DataInputStream in, long fileSize, CountingInputStream position,
            Map<String, Shape> specs, NDManager manager) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a PruneLab weights file");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("weights format " + version + " is not supported (this PruneLab reads " + VERSION + ")");
        }
        int count = in.readInt();
        if (count != specs.size()) {
            throw new IOException("holds " + count + " parameters, the network needs " + specs.size());
        }
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            Shape expected = specs.get(name);
            if (expected == null) {
                throw new IOException("parameter '" + name + "' does not belong to the network");
            }
            if (parameters.containsKey(name)) {
                throw new IOException("parameter '" + name + "' appears twice");
            }
            int rank = in.readInt();
            if (rank != expected.dimension()) {
                throw new IOException("parameter '" + name + "' has rank " + rank + ", the network needs " + expected);
            }
            long[] dims = new long[rank];
            for (int d = 0; d < rank; d++) {
                dims[d] = in.readLong();
            }
            Shape shape = new Shape(dims);
            if (!shape.equals(expected)) {
                throw new IOException("parameter '" + name + "' has shape " + shape + ", the network needs " + expected);
            }
            // the shape comes from the IR, which may claim any size: only allocate what the file can hold
            long bytes = shape.size() * Float.BYTES;
            if (bytes > fileSize - position.count()) {
                throw new EOFException();
            }
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int v = 0; v < values.length; v++) {
                values[v] = in.readFloat();
            }
            int nonFinite = NonFinite.firstIndex(values);
            if (nonFinite >= 0) {
                throw new IOException(NonFinite.describe("parameter '" + name + "'", values, nonFinite)
                        + ": the weights are corrupt or come from a diverged training");
            }
            NDArray array = manager.create(values, shape);
            array.setName(name);
            parameters.put(name, array);
        }
        if (in.read() != -1) {
            throw new IOException("has data after its last parameter");
        }
        return parameters;
    }

    /** Counts the bytes read, so that a claimed size can be checked against what is left of the file. */
    private static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
