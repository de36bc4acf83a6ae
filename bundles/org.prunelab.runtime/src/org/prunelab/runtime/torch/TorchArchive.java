package org.prunelab.runtime.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
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
 */
public final class TorchArchive {

    private TorchArchive() {
    }

    /**
     * Reads every tensor of an archive, in the order the archive lists them.
     *
     * @param file a .pt / .pth file in PyTorch's zip format (PyTorch 1.6 or newer)
     * @return the tensors; float32 ones with their values
     * @throws ModelFileException naming the file if it is missing, not a PyTorch archive, or truncated
     */
    public static List<TorchTensor> read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pickle = null;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith("/data.pkl") && entry.getName().indexOf('/') == entry.getName().length() - 9) {
                    pickle = entry;
                }
            }
            if (pickle == null) {
                throw new ModelFileException(file, "not a PyTorch archive (no data.pkl; files saved by PyTorch before "
                        + "1.6 or with _use_new_zipfile_serialization=False are not supported)");
            }
            String root = pickle.getName().substring(0, pickle.getName().length() - "data.pkl".length());
            Object top;
            try (InputStream in = zip.getInputStream(pickle)) {
                top = new Unpickler(in.readAllBytes()).load();
            }
            List<TorchTensor> tensors = new ArrayList<>();
            collect("", top, zip, root, file, tensors);
            if (tensors.isEmpty()) {
                throw new ModelFileException(file, "holds no tensors");
            }
            return tensors;
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the file is missing");
        } catch (ZipException e) {
            throw new ModelFileException(file, "not a PyTorch archive (not a zip file: " + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage());
        }
    }

    private static void collect(String prefix, Object value, ZipFile zip, String root, Path file, List<TorchTensor> out)
            throws IOException {
        if (value instanceof TensorRef tensor) {
            out.add(tensor(prefix.substring(0, prefix.length() - 1), tensor, zip, root, file));
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collect(prefix + entry.getKey() + ".", entry.getValue(), zip, root, file, out);
            }
        } else if (value instanceof PyObject object) {
            for (Map.Entry<Object, Object> entry : object.attributes().entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!key.startsWith("_") && !key.equals("training")) {
                    collect(prefix + key + ".", entry.getValue(), zip, root, file, out);
                }
            }
        }
    }

    private static TorchTensor tensor(String name, TensorRef ref, ZipFile zip, String root, Path file)
            throws IOException {
        if (!ref.storage().type().equals("FloatStorage")) {
            return new TorchTensor(name, ref.storage().type(), ref.shape(), new float[0]);
        }
        ZipEntry entry = zip.getEntry(root + "data/" + ref.storage().key());
        if (entry == null) {
            throw new ModelFileException(file, "the storage of tensor '" + name + "' is missing");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        if (bytes.length < ref.storage().size() * 4) {
            throw new ModelFileException(file, "the storage of tensor '" + name + "' is truncated");
        }
        ByteBuffer storage = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long count = 1;
        for (long d : ref.shape()) {
            count *= d;
        }
        float[] values = new float[Math.toIntExact(count)];
        long[] position = new long[ref.shape().length];
        for (int i = 0; i < values.length; i++) {
            long at = ref.offset();
            for (int d = 0; d < position.length; d++) {
                at += position[d] * ref.stride()[d];
            }
            if (at >= ref.storage().size()) {
                throw new ModelFileException(file, "tensor '" + name + "' reaches past its storage");
            }
            values[i] = storage.getFloat((int) at * 4);
            for (int d = position.length - 1; d >= 0; d--) {
                if (++position[d] < ref.shape()[d]) {
                    break;
                }
                position[d] = 0;
            }
        }
        return new TorchTensor(name, ref.storage().type(), ref.shape(), values);
    }
}
