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
        for (String name : List.of("vgg-bias", "resnet14")) {
            try (NetworkModel model = OnnxImport.load(TorchImportTest.fixture(name + ".onnx"), manager);
                    NDManager batch = manager.newSubManager()) {
                assertEquals(List.of(1, 28, 28), model.network().inputShape());
                NDArray x = batch.create(TorchImportTest.sineInputs(), new Shape(2, 1, 28, 28));
                assertArrayEquals(TorchImportTest.expectedLogits(name + ".json"), Executor.logits(model, x, false).toFloatArray(), 1e-4f, name);
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
    void anOperatorTheIrLacksIsRefusedNamingTheNode() {
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> OnnxImport.read(TorchImportTest.fixture("concat-dw.onnx")));
        assertTrue(e.getMessage().contains("concat-dw.onnx"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*node ./Concat. is a Concat.*cannot import yet.*"),
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
