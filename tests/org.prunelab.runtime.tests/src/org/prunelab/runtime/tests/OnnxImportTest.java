package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * ONNX files exported by real PyTorch (data/torch/make-pytorch-models.py) become networks that compute
 * PyTorch's logits, and prune; graphs PruneLab cannot represent and damaged files are refused saying why.
 */
class OnnxImportTest extends RuntimeTestCase {

    @TempDir
    Path dir;

    @Test
    void pytorchsOnnxGivesTorchsLogitsAndPrunes() throws IOException {
        for (String name : List.of("vgg-bias", "resnet14", "concat-dw")) {
            try (NetworkModel model = OnnxImport.load(TorchImportTest.fixture(name + ".onnx"), manager);
                    NDManager batch = manager.newSubManager()) {
                assertEquals(List.of(1, 28, 28), model.network().inputShape());
                NDArray x = batch.create(TorchImportTest.sineInputs(), new Shape(2, 1, 28, 28));
                assertArrayEquals(TorchImportTest.expectedLogits(name + ".json"), Executor.logits(model, x, false).toFloatArray(), 1e-4f, name);
                TorchImportTest.assertTorchsPredictions(model, name + ".json");
                // the exporter folds batch norm into the convolutions, which keep a bias: they prune all the same
                String first = model.network().layersOf(Op.Conv2d.class).get(0).id();
                int width = ((Op.Conv2d) model.network().layer(first).orElseThrow().op()).filters();
                PruningPlan plan = new PruningPlan(Map.of(ChannelGroups.of(model.network()).groupOf(first)
                        .orElseThrow().id(), List.of(0, width - 1)));
                try (NetworkModel pruned = Surgeon.apply(model, plan, manager)) {
                    assertEquals(2, ((Op.Conv2d) pruned.network().layer(first).orElseThrow().op()).filters());
                    assertEquals(20, Executor.logits(pruned, x, false).size());
                }
            }
        }
    }

    @Test
    void layersAreNamedAfterTheModulesThatMadeThem() {
        List<String> ids = OnnxImport.read(TorchImportTest.fixture("resnet14.onnx")).network().layers().stream()
                .map(Layer::id).toList();
        assertEquals("conv", ids.get(0), ids.toString());
        assertTrue(ids.contains("blocks.0.conv1") && ids.contains("blocks.2.shortcut.0") && ids.contains("fc"),
                ids.toString());
        assertEquals(ids.size(), ids.stream().distinct().count(), "unique ids");
    }

    @Test
    void concatenationAndDepthwiseConvolutionArePrunedThrough() throws IOException {
        try (NetworkModel model = OnnxImport.load(TorchImportTest.fixture("concat-dw.onnx"), manager);
                NDManager batch = manager.newSubManager()) {
            Network network = model.network();
            assertEquals(List.of(12, 28, 28), network.shapes().get("concat"));
            Op.Conv2d depthwise = (Op.Conv2d) network.layer("depthwise.0").orElseThrow().op();
            assertEquals(12, depthwise.groups());
            ChannelGroups groups = ChannelGroups.of(network);
            assertEquals(List.of("depthwise.0"), groups.group("left.0").orElseThrow().depthwise());
            assertEquals(List.of("head.1", "head.4"), network.layersOf(Op.Linear.class).stream().map(Layer::id).toList());
            // every prunable group halved: the concatenation's slices and the depthwise filters follow
            Map<String, List<Integer>> kept = new java.util.HashMap<>();
            groups.prunable().forEach(g -> kept.put(g.id(), SurgeryTest.range(0, g.channels(), 2)));
            assertEquals(4, kept.size());
            try (NetworkModel pruned = Surgeon.apply(model, new PruningPlan(kept), manager)) {
                assertEquals(new Op.Conv2d(6, 3, 2, 1, true, 6), pruned.network().layer("depthwise.0").orElseThrow().op());
                NDArray x = batch.create(TorchImportTest.sineInputs(), new Shape(2, 1, 28, 28));
                assertEquals(20, Executor.logits(pruned, x, false).size());
            }
        }
    }

    @Test
    void anOperatorTheIrLacksIsRefusedNamingTheNode() throws IOException {
        // the concatenation made an Expand, an operator of the same name length the IR has no layer for
        byte[] bytes = Files.readAllBytes(TorchImportTest.fixture("concat-dw.onnx"));
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("Concat", "Expand");
        Path file = dir.resolve("expand.onnx");
        Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().contains("expand.onnx"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*node ./Expand. is an? Expand.*cannot import yet.*"),
                e.getMessage());
    }

    @Test
    void damagedFilesAreRefusedNamingThem() throws IOException {
        byte[] whole = Files.readAllBytes(TorchImportTest.fixture("vgg-bias.onnx"));
        Path truncated = dir.resolve("truncated.onnx");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        Path noise = dir.resolve("noise.onnx");
        byte[] random = new byte[4096];
        new Random(3).nextBytes(random);
        Files.write(noise, random);
        Path empty = dir.resolve("empty.onnx");
        Files.write(empty, new byte[0]);
        for (Path file : List.of(truncated, noise, empty, TorchImportTest.fixture("vgg-bias-state-dict.pt"),
                dir.resolve("missing.onnx"))) {
            ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.read(file),
                    file.toString());
            assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        }
    }
}
