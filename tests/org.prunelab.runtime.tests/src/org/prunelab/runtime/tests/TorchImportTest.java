package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.torch.TorchArchive;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.torch.TorchImport;
import org.prunelab.runtime.torch.TorchTensor;
import org.prunelab.runtime.training.EvaluationResult;
import org.prunelab.runtime.training.ModelTraining;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Weights written by PyTorch (data/torch/make-torch-fixture.py) compute PyTorch's logits in PruneLab.
 */
class TorchImportTest extends RuntimeTestCase {


    @TempDir
    Path dir;

    static Path fixture(String name) {
        return TestData.dataDir().resolve("torch").resolve(name);
    }

    static Network fixtureNetwork() {
        return Architectures.smallVgg("torch-4-4-8-8", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10);
    }

    @Test
    void torchScriptAndStateDictGiveTorchsLogits() throws IOException {
        float[] logits = expectedLogits("expected.json");
        float[] pixels = sineInputs();
        for (String file : List.of("small-vgg-torchscript.pt", "small-vgg-state-dict.pt")) {
            try (NetworkModel model = TorchImport.load(fixture(file), fixtureNetwork(), manager);
                    NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(pixels, new Shape(2, 1, 28, 28));
                assertArrayEquals(logits, Executor.logits(model, x, false).toFloatArray(), 1e-4f, file);
            }
        }
    }

    @Test
    void modelsAsLabsDefineThemGiveTorchsLogits() throws IOException {
        // data/torch/make-pytorch-models.py: nn.Conv2d's default bias, and a ResNet-14 on 1 × 28 × 28
        Map<String, Network> networks = Map.of(
                "vgg-bias", Architectures.smallVgg("vgg-bias", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10, true),
                "resnet14", Architectures.cifarResnet(14, List.of(1, 28, 28), 10));
        for (Map.Entry<String, Network> entry : networks.entrySet()) {
            try (NetworkModel model = TorchImport.load(fixture(entry.getKey() + "-state-dict.pt"), entry.getValue(),
                    manager); NDManager batch = manager.newSubManager()) {
                NDArray x = batch.create(sineInputs(), new Shape(2, 1, 28, 28));
                assertArrayEquals(expectedLogits(entry.getKey() + ".json"),
                        Executor.logits(model, x, false).toFloatArray(), 1e-4f, entry.getKey());
                assertTorchsPredictions(model, entry.getKey() + ".json");
            }
        }
    }

    @Test
    void aStateDictIsMatchedByNameAgainstTheArchitectureOfItsOnnxFile() throws IOException {
        // exported keeping its batch norms, the ONNX graph names its layers after the state_dict's modules
        Network network = OnnxImport.read(fixture("concat-dw-with-bn.onnx")).network();
        assertEquals(5, network.layersOf(Op.BatchNorm2d.class).size());
        assertTrue(network.layer("depthwise.0").isPresent() && network.layer("head.4").isPresent(),
                network.layers().toString());
        try (NetworkModel model = TorchImport.load(fixture("concat-dw-state-dict.pt"), network, manager);
                NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(sineInputs(), new Shape(2, 1, 28, 28));
            assertArrayEquals(expectedLogits("concat-dw.json"), Executor.logits(model, x, false).toFloatArray(), 1e-4f);
            assertTorchsPredictions(model, "concat-dw.json");
        }
        // exported in eval mode, the batch norms are folded away: the message says how to export instead
        Network folded = OnnxImport.read(fixture("concat-dw.onnx")).network();
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> TorchImport.load(fixture("concat-dw-state-dict.pt"), folded, manager));
        assertTrue(e.getMessage().contains("concat-dw-state-dict.pt"), e.getMessage());
        assertTrue(e.getMessage().contains("training=torch.onnx.TrainingMode.PRESERVE"), e.getMessage());
    }

    @Test
    void aWholeModuleSaysWhatToSaveInstead() {
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchImport.load(
                fixture("vgg-bias-whole-module.pt"), Architectures.smallVgg("vgg-bias", List.of(1, 28, 28),
                        List.of(4, 4, 8, 8), 10, true), manager));
        assertTrue(e.getMessage().contains("vgg-bias-whole-module.pt"), e.getMessage());
        assertTrue(e.getMessage().contains("is a whole module (torch.nn.modules.container.Sequential) saved with "
                + "torch.save(model)"), e.getMessage());
        assertTrue(e.getMessage().contains("torch.save(model.state_dict(), 'model.pt')"), e.getMessage());
    }

    /**
     * Checks a model's predictions on the committed subset's test images against PyTorch's: the same
     * accuracy, and the same class for every image (a near tie may fall either way in float32: one may
     * differ).
     */
    static void assertTorchsPredictions(NetworkModel model, String file) throws IOException {
        JsonObject expected = JsonParser.parseString(Files.readString(fixture(file))).getAsJsonObject()
                .getAsJsonObject("fashionTest");
        JsonArray predicted = expected.getAsJsonArray("predicted");
        EvaluationResult result = ModelTraining.evaluate(model, TestData.fashionTest(), Normalization.FASHION_MNIST, 100,
                new NullProgressMonitor());
        assertEquals(predicted.size(), result.predictions().size());
        long differing = result.predictions().stream()
                .filter(p -> p.predicted() != predicted.get(p.index()).getAsInt()).count();
        assertTrue(differing <= 1, file + ": " + differing + " predictions differ from PyTorch's");
        assertEquals(expected.get("accuracy").getAsDouble(), result.accuracy(), 1.0 / predicted.size() + 1e-6, file);
    }

    static float[] expectedLogits(String file) throws IOException {
        JsonArray expected = JsonParser.parseString(Files.readString(fixture(file))).getAsJsonObject()
                .getAsJsonArray("logits");
        float[] logits = new float[20];
        for (int n = 0; n < 2; n++) {
            for (int k = 0; k < 10; k++) {
                logits[n * 10 + k] = expected.get(n).getAsJsonArray().get(k).getAsFloat();
            }
        }
        return logits;
    }

    /** x[n, 0, i, j] = sin(0.1 · (n + 1) · (28 i + j)), as the fixture scripts compute it. */
    static float[] sineInputs() {
        float[] pixels = new float[2 * 784];
        for (int n = 0; n < 2; n++) {
            for (int i = 0; i < 784; i++) {
                pixels[n * 784 + i] = (float) Math.sin(0.1f * (n + 1) * i);
            }
        }
        return pixels;
    }

    @Test
    void archivesListParametersAndBatchNormStatisticsByName() {
        List<TorchTensor> tensors = TorchArchive.read(fixture("small-vgg-torchscript.pt"));
        List<String> names = tensors.stream().map(TorchTensor::name).toList();
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), names.subList(0, 6));
        assertTrue(names.contains("15.weight") && names.contains("15.bias"), names.toString());
        TorchTensor fc = tensors.stream().filter(t -> t.name().equals("15.weight")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {10, 392}, fc.shape());
        assertEquals(3920, fc.values().length);
        assertEquals(names, TorchArchive.read(fixture("small-vgg-state-dict.pt")).stream().map(TorchTensor::name)
                .toList());
    }

    @Test
    void aNetworkOfOtherWidthsIsRefusedNamingTheTensor() {
        Network wider = Architectures.smallVgg("wider", List.of(1, 28, 28), List.of(4, 6, 8, 8), 10);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> TorchImport.load(fixture("small-vgg-state-dict.pt"), wider, manager));
        assertTrue(e.getMessage().endsWith("tensor '3.weight' has shape [4, 4, 3, 3], layer 'conv2' needs (6, 4, 3, 3)"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotAnArchiveOrIsTruncatedIsNamed() throws IOException {
        Path text = dir.resolve("weights.pt");
        Files.writeString(text, "not a zip");
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchArchive.read(text));
        assertTrue(e.getMessage().startsWith(text + ": not a PyTorch archive"), e.getMessage());
        byte[] bytes = Files.readAllBytes(fixture("small-vgg-state-dict.pt"));
        Path truncated = dir.resolve("truncated.pt");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFileException.class, () -> TorchArchive.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": "), e.getMessage());
    }

    static Network linearNetwork() {
        return new Network("linear", List.of(1, 2, 2), List.of(Layer.of("flat", new Op.Flatten(), Network.INPUT),
                Layer.of("fc", new Op.Linear(2, true), "flat")));
    }

    /** A hand-built state dict of {@link #linearNetwork()}: fc.weight = 0..7, fc.bias = {weight0, 9}. */
    static void writeLinearArchive(Path file, float firstWeight, float... bias) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("fc.weight", new long[] {2, 4});
        shapes.put("fc.bias", new long[] {2});
        Pickles.writeArchive(file, Pickles.stateDict(shapes), Map.of("0",
                Pickles.floats(firstWeight, 1, 2, 3, 4, 5, 6, 7), "1", Pickles.floats(bias)));
    }

    @Test
    void aHandBuiltStateDictIsImported() throws IOException {
        Path file = dir.resolve("linear.pt");
        writeLinearArchive(file, 0, 8, 9);
        try (NetworkModel model = TorchImport.load(file, linearNetwork(), manager)) {
            assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7}, model.parameters().get("fc.weight").toFloatArray());
            assertArrayEquals(new float[] {8, 9}, model.parameters().get("fc.bias").toFloatArray());
        }
    }

    @Test
    void nanOrInfiniteWeightsAreRefusedNamingTheFileAndTensor() throws IOException {
        Path nan = dir.resolve("nan.pt");
        writeLinearArchive(nan, Float.NaN, 8, 9);
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchImport.load(nan, linearNetwork(), manager));
        assertTrue(e.getMessage().startsWith(nan + ": tensor 'fc.weight' holds NaN at index 0 of 8"), e.getMessage());
        Path infinite = dir.resolve("infinite.pt");
        writeLinearArchive(infinite, 0, 8, Float.NEGATIVE_INFINITY);
        e = assertThrows(ModelFileException.class, () -> TorchImport.load(infinite, linearNetwork(), manager));
        assertTrue(e.getMessage().startsWith(infinite + ": tensor 'fc.bias' holds -Infinity at index 1 of 2"),
                e.getMessage());
    }

    @Test
    void aHalfPrecisionWeightIsRefusedSayingSo() throws IOException {
        Path file = dir.resolve("half.pt");
        byte[] pickle = Pickles.protocol2().op('}').string("fc.weight")
                .tensor("HalfStorage", "0", 8, 0, new long[] {2, 4}, new long[] {4, 1}).op('s').string("fc.bias")
                .tensor("FloatStorage", "1", 2, 0, new long[] {2}, new long[] {1}).op('s').op('.').bytes();
        Pickles.writeArchive(file, pickle, Map.of("0", new byte[16], "1", Pickles.floats(1, 2)));
        ModelFileException e = assertThrows(ModelFileException.class, () -> TorchImport.load(file, linearNetwork(), manager));
        assertTrue(e.getMessage().startsWith(file + ": tensor 'fc.weight' is a HalfStorage"), e.getMessage());
    }

    /** Pickles that once ended in StackOverflowError, NullPointerException, OutOfMemoryError and the like. */
    @Test
    void corruptPicklesAreRefusedNamingTheFile() throws IOException {
        Map<String, byte[]> pickles = new LinkedHashMap<>();
        // a dict that holds itself: {"a": <itself>}
        pickles.put("contains itself", Pickles.protocol2().op('}').op('q').op(0).string("a").op('h').op(0).op('s')
                .op('.').bytes());
        // BINGET of a memo entry never stored
        pickles.put("memo entry 7 was never stored", Pickles.protocol2().op('h').op(7).op('.').bytes());
        // BINUNICODE claiming 2 GB
        pickles.put("a string of 2147483647 bytes", Pickles.protocol2().op('X').raw((byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0x7f).op('.').bytes());
        // BINUNICODE with a negative length
        pickles.put("a string of 4294967295 bytes", Pickles.protocol2().op('X').raw((byte) 0xff, (byte) 0xff,
                (byte) 0xff, (byte) 0xff).op('.').bytes());
        // APPEND to something that is not a list
        pickles.put("not a list", Pickles.protocol2().op('N').op('N').op('a').op('.').bytes());
        // SETITEM on an empty stack
        pickles.put("the stack is empty", Pickles.protocol2().op('s').op('.').bytes());
        // a tensor of 2^40 values viewing one stored float through stride 0
        pickles.put("claims more than", Pickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 1, 0, new long[] {1 << 20, 1 << 20}, new long[] {0, 0}).op('s').op('.')
                .bytes());
        // a tensor of 2^28 values viewing one stored float through stride 0
        pickles.put("has 268435456 values, its storage only 1", Pickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 1, 0, new long[] {1 << 28}, new long[] {0}).op('s').op('.').bytes());
        // a tensor whose view reaches past its storage
        pickles.put("tensor 'w' reaches past its storage", Pickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 4, 2, new long[] {4}, new long[] {1}).op('s').op('.').bytes());
        // a storage that claims more than its entry holds
        pickles.put("the storage of tensor 'w' is truncated", Pickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 400, 0, new long[] {400}, new long[] {1}).op('s').op('.').bytes());
        for (Map.Entry<String, byte[]> pickle : pickles.entrySet()) {
            Path file = dir.resolve("corrupt.pt");
            Pickles.writeArchive(file, pickle.getValue(), Map.of("0", Pickles.floats(1, 2, 3, 4)));
            ModelFileException e = assertThrows(ModelFileException.class, () -> TorchArchive.read(file), pickle.getKey());
            assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(pickle.getKey()),
                    e.getMessage());
        }
    }
}
