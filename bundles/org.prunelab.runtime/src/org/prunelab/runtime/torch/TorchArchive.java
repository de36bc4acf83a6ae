package org.prunelab.runtime.torch;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.torch.Unpickler.PyObject;
import org.prunelab.runtime.torch.Unpickler.TensorRef;

/**
 * Reads the named tensors of a PyTorch archive: a {@code torch.save}d state_dict (or a dict holding
 * one) or a {@code torch.jit.save}d TorchScript module, whose parameters and buffers (batch-norm running
 * statistics included) are named by their module path.
 * <p>
 * Archives are untrusted input: sizes claimed by the pickle are checked against the archive's entries
 * before anything is allocated, and the object graph is walked with limits on depth and size, so a
 * corrupt or hostile archive ends in a {@link ModelFileException}.
 */
public final class TorchArchive {

    /** Far above the pickle of any real model (which holds names and shapes, not values). */
    private static final int MAX_PICKLE_BYTES = 64 << 20;
    /** Deeper than any module hierarchy; a pickle may nest without end. */
    private static final int MAX_DEPTH = 100;
    /** Dicts, objects and tensors visited: shared sub-structures could otherwise be walked 2^depth times. */
    private static final int MAX_VISITS = 1_000_000;
    /** The largest Java array. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private TorchArchive() {
    }

    /**
     * Reads every tensor of an archive, in the order the archive lists them.
     *
     * @param file a .pt / .pth file in PyTorch's zip format (PyTorch 1.6 or newer)
     * @return the tensors; float32 ones with their values
     * @throws ModelFileException naming the file if it is missing, not a PyTorch archive, truncated or
     *             corrupt
     */
    public static List<TorchTensor> read(Path file) {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the file is missing");
        } catch (ZipException e) {
            throw new ModelFileException(file, "not a PyTorch archive (not a zip file: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage());
        }
        try (zip) {
            return new Reading(file, zip).tensors();
        } catch (IOException e) {
            throw new ModelFileException(file, "is corrupt: " + e.getMessage());
        }
    }

    /** One reading of an archive. */
    private static final class Reading {

        private final Path file;
        private final ZipFile zip;
        private final List<TorchTensor> tensors = new ArrayList<>();
        private final Set<Object> path = Collections.newSetFromMap(new IdentityHashMap<>());
        private String root;
        private int visits;

        Reading(Path file, ZipFile zip) {
            this.file = file;
            this.zip = zip;
        }

        List<TorchTensor> tensors() throws IOException {
            ZipEntry pickle = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith("/data.pkl")
                        && entry.getName().indexOf('/') == entry.getName().length() - 9) {
                    pickle = entry;
                }
            }
            if (pickle == null) {
                throw new ModelFileException(file, "not a PyTorch archive (no data.pkl; files saved by PyTorch before "
                        + "1.6 or with _use_new_zipfile_serialization=False are not supported)");
            }
            root = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            byte[] bytes;
            try (InputStream in = zip.getInputStream(pickle)) {
                bytes = in.readNBytes(MAX_PICKLE_BYTES + 1);
            }
            if (bytes.length > MAX_PICKLE_BYTES) {
                throw new ModelFileException(file, pickle.getName() + " is larger than " + MAX_PICKLE_BYTES
                        + " bytes, which no model's pickle is");
            }
            Object top;
            try {
                top = new Unpickler(bytes).load();
            } catch (IOException e) {
                throw new ModelFileException(file, pickle.getName() + ": " + e.getMessage());
            }
            collect("", top, 0);
            if (tensors.isEmpty() && top instanceof PyObject module && (module.attributes().containsKey("_modules")
                    || module.attributes().containsKey("_parameters"))) {
                // torch.save(model) pickles the module object itself, whose class only Python can rebuild
                throw new ModelFileException(file, "is a whole module (" + module.type().module() + "."
                        + module.type().name() + ") saved with torch.save(model), which only its Python code can "
                        + "load; save its weights instead, torch.save(model.state_dict(), 'model.pt'), or "
                        + "TorchScript, torch.jit.script(model).save('model.pt')");
            }
            if (tensors.isEmpty()) {
                throw new ModelFileException(file, "holds no tensors");
            }
            return tensors;
        }

        private void collect(String prefix, Object value, int depth) throws IOException {
            boolean container = value instanceof TensorRef || value instanceof Map<?, ?> || value instanceof PyObject;
            if (!container) {
                return;
            }
            if (++visits > MAX_VISITS || depth > MAX_DEPTH) {
                throw new ModelFileException(file, "its objects nest deeper than " + MAX_DEPTH + " or number more than "
                        + MAX_VISITS + " (corrupt archive?)");
            }
            if (!path.add(value)) {
                throw new ModelFileException(file, "'" + prefix + "' contains itself (corrupt archive?)");
            }
            if (value instanceof TensorRef tensor) {
                tensors.add(tensor(prefix.substring(0, Math.max(0, prefix.length() - 1)), tensor));
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    collect(prefix + key(entry.getKey(), prefix) + ".", entry.getValue(), depth + 1);
                }
            } else if (value instanceof PyObject object) {
                for (Map.Entry<Object, Object> entry : object.attributes().entrySet()) {
                    String key = key(entry.getKey(), prefix);
                    if (!key.startsWith("_") && !key.equals("training")) {
                        collect(prefix + key + ".", entry.getValue(), depth + 1);
                    }
                }
            }
            path.remove(value);
        }

        private String key(Object key, String prefix) {
            if (key instanceof String || key instanceof Long || key instanceof Boolean) {
                return String.valueOf(key);
            }
            throw new ModelFileException(file, "'" + prefix + "' has a key that is not a name (corrupt archive?)");
        }

        private TorchTensor tensor(String name, TensorRef ref) throws IOException {
            long count = elementCount(name, ref);
            if (!ref.storage().type().equals("FloatStorage")) {
                return new TorchTensor(name, ref.storage().type(), ref.shape(), new float[0]);
            }
            // a view's values are never more than its storage's: this also stops a stride of 0 from making a
            // few stored bytes claim gigabytes
            if (count > ref.storage().size()) {
                throw new ModelFileException(file, "tensor '" + name + "' has " + count + " values, its storage only "
                        + ref.storage().size());
            }
            ZipEntry entry = zip.getEntry(root + "data/" + ref.storage().key());
            if (entry == null) {
                throw new ModelFileException(file, "the storage of tensor '" + name + "' is missing");
            }
            long needed = 0;
            if (count > 0) {
                long last = lastIndex(name, ref);
                if (last >= ref.storage().size() || last >= MAX_VALUES / Float.BYTES) {
                    throw new ModelFileException(file, "tensor '" + name + "' reaches past its storage");
                }
                needed = (last + 1) * Float.BYTES;
            }
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readNBytes((int) needed);
            } catch (EOFException e) {
                bytes = new byte[0];
            }
            if (bytes.length < needed) {
                throw new ModelFileException(file, "the storage of tensor '" + name + "' is truncated");
            }
            ByteBuffer storage = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[(int) count];
            long[] position = new long[ref.shape().length];
            for (int i = 0; i < values.length; i++) {
                long at = ref.offset();
                for (int d = 0; d < position.length; d++) {
                    at += position[d] * ref.stride()[d];
                }
                values[i] = storage.getFloat((int) (at * Float.BYTES));
                for (int d = position.length - 1; d >= 0; d--) {
                    if (++position[d] < ref.shape()[d]) {
                        break;
                    }
                    position[d] = 0;
                }
            }
            return new TorchTensor(name, ref.storage().type(), ref.shape(), values);
        }

        private long elementCount(String name, TensorRef ref) {
            long count = 1;
            for (long d : ref.shape()) {
                if (d != 0 && count > MAX_VALUES / d) {
                    throw new ModelFileException(file, "tensor '" + name + "' claims more than " + MAX_VALUES + " values");
                }
                count *= d;
            }
            return count;
        }

        /** The storage index of a view's last element (shape, stride and offset are non-negative). */
        private long lastIndex(String name, TensorRef ref) {
            try {
                long last = ref.offset();
                for (int d = 0; d < ref.shape().length; d++) {
                    last = Math.addExact(last, Math.multiplyExact(Math.max(0, ref.shape()[d] - 1), ref.stride()[d]));
                }
                return last;
            } catch (ArithmeticException e) {
                throw new ModelFileException(file, "tensor '" + name + "' reaches past its storage");
            }
        }
    }
}
