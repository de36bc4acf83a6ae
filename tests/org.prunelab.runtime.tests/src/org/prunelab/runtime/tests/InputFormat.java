package org.prunelab.runtime.tests;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.imageio.ImageIO;

import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.CifarBinary;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.DatasetException;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.IdxFiles;
import org.prunelab.runtime.data.ImageFolderDataset;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.torch.TorchImport;

import ai.djl.ndarray.NDManager;

/**
 * Every file format the runtime reads: how to write a valid example with the project's own writers (or
 * take a committed one), which of its files to corrupt, and how to read it completely. Shared by the
 * corruption suite and the fuzz targets.
 */
enum InputFormat {

    /** The IR of a saved model (with valid weights beside it). */
    NETWORK_JSON(ModelFiles.NETWORK_FILE) {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            saveModel(dir, manager);
        }

        @Override
        void read(Path dir, NDManager manager) {
            ModelFiles.load(dir, manager).close();
        }
    },
    /** The weights of a saved model (with a valid IR beside them). */
    WEIGHTS(ModelFiles.WEIGHTS_FILE) {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            saveModel(dir, manager);
        }

        @Override
        void read(Path dir, NDManager manager) {
            ModelFiles.load(dir, manager).close();
        }
    },
    /** An IDX images file, gzipped, as Fashion-MNIST ships (with a valid labels file). */
    IDX_IMAGES("images-idx3-ubyte.gz") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            IdxFiles.write(fashionSample(), dir.resolve(fileName()), dir.resolve("labels-idx1-ubyte.gz"));
        }

        @Override
        void read(Path dir, NDManager manager) {
            touch(IdxFiles.read("idx", dir.resolve(fileName()), dir.resolve("labels-idx1-ubyte.gz"), FashionMnist.CLASSES));
        }
    },
    /** An IDX images file, not compressed (with a valid labels file). */
    IDX_IMAGES_RAW("images-idx3-ubyte") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Path gzipped = dir.resolve("gzipped");
            IdxFiles.write(fashionSample(), gzipped, dir.resolve("labels-idx1-ubyte.gz"));
            Files.write(dir.resolve(fileName()), gunzip(Files.readAllBytes(gzipped)));
            Files.delete(gzipped);
        }

        @Override
        void read(Path dir, NDManager manager) {
            touch(IdxFiles.read("idx", dir.resolve(fileName()), dir.resolve("labels-idx1-ubyte.gz"), FashionMnist.CLASSES));
        }
    },
    /** An IDX labels file, not compressed (with a valid images file). */
    IDX_LABELS("labels-idx1-ubyte") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Path gzipped = dir.resolve("gzipped");
            IdxFiles.write(fashionSample(), dir.resolve("images-idx3-ubyte.gz"), gzipped);
            Files.write(dir.resolve(fileName()), gunzip(Files.readAllBytes(gzipped)));
            Files.delete(gzipped);
        }

        @Override
        void read(Path dir, NDManager manager) {
            touch(IdxFiles.read("idx", dir.resolve("images-idx3-ubyte.gz"), dir.resolve(fileName()), FashionMnist.CLASSES));
        }
    },
    /** A CIFAR-10 binary batch of three records. */
    CIFAR_BINARY("test_batch.bin") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            byte[] records = new byte[3 * 3073];
            for (int i = 0; i < records.length; i++) {
                records[i] = (byte) (i * 31);
            }
            for (int r = 0; r < 3; r++) {
                records[r * 3073] = (byte) (3 * r);
            }
            Files.write(dir.resolve(fileName()), records);
        }

        @Override
        void read(Path dir, NDManager manager) {
            touch(CifarBinary.test(dir));
        }
    },
    /** One PNG of an image folder of two classes. */
    IMAGE_FOLDER("cats/a.png") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            writePng(dir.resolve(fileName()), 0x336699);
            writePng(dir.resolve("cats/b.png"), 0x996633);
            writePng(dir.resolve("dogs/c.png"), 0x123456);
        }

        @Override
        void read(Path dir, NDManager manager) {
            touch(new ImageFolderDataset(dir));
        }
    },
    /** A torch.save'd state dict, committed (data/torch/make-torch-fixture.py). */
    TORCH_STATE_DICT("model.pt") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Files.copy(TorchImportTest.fixture("small-vgg-state-dict.pt"), dir.resolve(fileName()));
        }

        @Override
        void read(Path dir, NDManager manager) {
            TorchImport.load(dir.resolve(fileName()), TorchImportTest.fixtureNetwork(), manager).close();
        }
    },
    /** The pickle (data.pkl) of the committed state dict, read inside an archive with its storages. */
    TORCH_PICKLE("data.pkl") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Files.write(dir.resolve(fileName()), stateDictEntries().get("data.pkl"));
        }

        @Override
        void read(Path dir, NDManager manager) {
            Path archive = dir.resolve("archive.pt");
            try {
                Map<String, byte[]> storages = new LinkedHashMap<>(stateDictEntries());
                storages.remove("data.pkl");
                Pickles.writeArchive(archive, Files.readAllBytes(dir.resolve(fileName())), storages);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TorchImport.load(archive, TorchImportTest.fixtureNetwork(), manager).close();
        }
    },
    /** An ONNX model exported by PyTorch, committed (data/torch/make-pytorch-models.py). */
    ONNX("model.onnx") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Files.copy(TorchImportTest.fixture("vgg-bias.onnx"), dir.resolve(fileName()));
        }

        @Override
        void read(Path dir, NDManager manager) {
            OnnxImport.load(dir.resolve(fileName()), manager).close();
        }
    },
    /** A torch.jit.save'd TorchScript module, committed (data/torch/make-torch-fixture.py). */
    TORCH_SCRIPT("script.pt") {
        @Override
        void writeValid(Path dir, NDManager manager) throws IOException {
            Files.copy(TorchImportTest.fixture("small-vgg-torchscript.pt"), dir.resolve(fileName()));
        }

        @Override
        void read(Path dir, NDManager manager) {
            TorchImport.load(dir.resolve(fileName()), TorchImportTest.fixtureNetwork(), manager).close();
        }
    };

    /** The exceptions by which the runtime refuses a bad file; their messages name it. */
    static final List<Class<? extends IllegalArgumentException>> REFUSALS = List.of(ModelFileException.class,
            DatasetException.class);

    /** Read once: every IDX input is made from it. */
    private static final Supplier<ArrayDataset> FASHION_TEST = new Supplier<>() {
        private ArrayDataset dataset;

        @Override
        public synchronized ArrayDataset get() {
            if (dataset == null) {
                dataset = TestData.fashionTest();
            }
            return dataset;
        }
    };

    private final String fileName;

    InputFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The file that is corrupted, relative to the input's folder. */
    String fileName() {
        return fileName;
    }

    /** Writes a valid input into an empty folder. */
    abstract void writeValid(Path dir, NDManager manager) throws IOException;

    /** Reads the input completely: every pixel of a dataset, every weight of a model. */
    abstract void read(Path dir, NDManager manager);

    /** The bytes of the valid file, written in a fresh folder. */
    byte[] validBytes(Path scratch, NDManager manager) throws IOException {
        Path dir = Files.createTempDirectory(scratch, name());
        writeValid(dir, manager);
        return Files.readAllBytes(dir.resolve(fileName));
    }

    /**
     * Writes a valid input whose file of this format is replaced by the given bytes.
     *
     * @return the folder of the input, which a refusal's message must name
     */
    Path writeWith(byte[] content, Path scratch, NDManager manager) throws IOException {
        Path dir = Files.createTempDirectory(scratch, name());
        writeValid(dir, manager);
        Files.write(dir.resolve(fileName), content);
        return dir;
    }

    /**
     * Reads an input; a refusal must be one of {@link #REFUSALS} and name a file of the input.
     *
     * @return true if the input was read, false if it was refused as it should be
     * @throws AssertionError for any other outcome
     */
    boolean readOrRefuse(Path dir, NDManager manager) {
        try {
            read(dir, manager);
            return true;
        } catch (RuntimeException e) {
            if (REFUSALS.stream().noneMatch(type -> type.isInstance(e)) || e.getMessage() == null
                    || !e.getMessage().startsWith(dir.toString())) {
                throw new AssertionError(name() + ": expected a refusal naming a file of " + dir + ", got " + e, e);
            }
            return false;
        }
    }

    /** The network of the saved models: small, so that a read takes milliseconds. */
    static Network tinyNetwork() {
        return Architectures.smallVgg("tiny", List.of(1, 8, 8), List.of(2, 2, 4, 4), 3);
    }

    private static void saveModel(Path dir, NDManager manager) throws IOException {
        try (NetworkModel model = NetworkModel.initialize(tinyNetwork(), manager, 3)) {
            ModelFiles.save(model, dir);
        }
    }

    private static ArrayDataset fashionSample() {
        ArrayDataset test = FASHION_TEST.get();
        int n = 12;
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(test.bytes(i), 0, pixels, i * 784, 784);
            labels[i] = (byte) test.label(i);
        }
        return new ArrayDataset("sample", FashionMnist.CLASSES, List.of(1, 28, 28), pixels, labels);
    }

    /** The entries of the committed state dict: "data.pkl" and its storages by key. */
    private static Map<String, byte[]> stateDictEntries() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(TorchImportTest.fixture("small-vgg-state-dict.pt").toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName().substring(entry.getName().indexOf('/') + 1);
                if (name.equals("data.pkl") || name.startsWith("data/")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        entries.put(name.equals("data.pkl") ? name : name.substring("data/".length()), in.readAllBytes());
                    }
                }
            }
        }
        return entries;
    }

    private static void touch(Dataset dataset) {
        float[] pixels = new float[dataset.imageSize()];
        for (int i = 0; i < dataset.size(); i++) {
            dataset.pixels(i, pixels, 0);
            dataset.label(i);
        }
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private static void writePng(Path file, int rgb) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, rgb + x * 0x10 + y);
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
