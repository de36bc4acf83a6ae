package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.onnx.OnnxExport;
import org.prunelab.runtime.onnx.OnnxImport;
import org.prunelab.runtime.surgery.PruningPlan;
import org.prunelab.runtime.surgery.Surgeon;
import org.prunelab.runtime.torch.TorchImport;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

/**
 * Models written as ONNX compute, in ONNX Runtime, the logits PruneLab computes, before and after pruning,
 * and read back into PruneLab as the same network.
 */
class OnnxExportTest extends RuntimeTestCase {

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeComputesPruneLabsLogitsBeforeAndAfterPruning() throws Exception {
        try (NetworkModel resnet = TorchImport.load(TorchImportTest.fixture("resnet14-state-dict.pt"),
                Architectures.cifarResnet(14, List.of(1, 28, 28), 10), manager);
                NetworkModel vgg = OnnxImport.load(TorchImportTest.fixture("vgg-bias.onnx"), manager);
                NetworkModel prunedResnet = Surgeon.apply(resnet, new PruningPlan(Map.of("stem.conv",
                        List.of(0, 2, 3, 5, 8, 13), "s2.b1.conv1", SurgeryTest.range(0, 32, 3))), manager);
                NetworkModel prunedVgg = Surgeon.apply(vgg, new PruningPlan(Map.of(
                        vgg.network().layers().get(0).id(), List.of(1, 3))), manager);
                NetworkModel concat = OnnxImport.load(TorchImportTest.fixture("concat-dw.onnx"), manager);
                NetworkModel prunedConcat = Surgeon.apply(concat, new PruningPlan(Map.of("stem.0", List.of(0, 1, 5),
                        "left.0", List.of(2, 3, 7), "right.0", List.of(1))), manager)) {
            for (NetworkModel model : List.of(resnet, prunedResnet, vgg, prunedVgg, concat, prunedConcat)) {
                float[] logits = prunelab(model);
                // batch norm is written as such, with its running statistics
                assertArrayEquals(logits, onnxRuntime(OnnxExport.bytes(model), TorchImportTest.sineInputs(), 2, 1, 28, 28), 1e-4f, model.network().name());
                Path file = dir.resolve(model.network().name() + ".onnx");
                OnnxExport.write(model, file);
                try (NetworkModel back = OnnxImport.load(file, manager)) {
                    assertEquals(model.network().layers().size(), back.network().layers().size());
                    assertArrayEquals(logits, prunelab(back), 1e-5f, "read back: " + model.network().name());
                }
            }
        }
    }

    private static float[] prunelab(NetworkModel model) {
        try (NDManager batch = manager.newSubManager()) {
            return Executor.logits(model, batch.create(TorchImportTest.sineInputs(), new Shape(2, 1, 28, 28)), false)
                    .toFloatArray();
        }
    }

    /**
     * Runs an ONNX model in ONNX Runtime.
     *
     * @param onnx the model's bytes
     * @param input the input batch's values
     * @param shape its shape, batch first
     * @return the logits, sample-major
     * @throws Exception if ONNX Runtime refuses the model
     */
    static float[] onnxRuntime(byte[] onnx, float[] input, long... shape) throws Exception {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = environment.createSession(onnx, options);
                OnnxTensor x = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of("input", x))) {
            float[][] scores = (float[][]) result.get(0).getValue();
            float[] flat = new float[scores.length * scores[0].length];
            for (int n = 0; n < scores.length; n++) {
                System.arraycopy(scores[n], 0, flat, n * scores[0].length, scores[0].length);
            }
            return flat;
        }
    }
}
