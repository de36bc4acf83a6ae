package org.prunelab.runtime.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import com.google.protobuf.CodedOutputStream;

import ai.djl.ndarray.NDArray;

/**
 * Writes a model as ONNX (opset 13): one node per layer, named and producing a tensor named like it, the
 * weights as initializers; the input is "input" with a dynamic batch, the output the last layer's class
 * scores. Batch norm is written as BatchNormalization with its running statistics, as inference uses it.
 */
public final class OnnxExport {

    /** The operator set written. */
    public static final int OPSET = 13;

    private static final int IR_VERSION = 7;

    private OnnxExport() {
    }

    /**
     * Writes a model to a file, atomically (a temporary file renamed).
     *
     * @param model the model
     * @param file the .onnx file to write
     * @throws IOException if the file cannot be written
     */
    public static void write(NetworkModel model, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(bytes(model));
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The ONNX bytes of a model.
     *
     * @param model the model
     * @return the serialized ModelProto
     */
    public static byte[] bytes(NetworkModel model) {
        Network network = model.network();
        Message graph = new Message();
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Silu) {
                // x · sigmoid(x): ONNX 13 has no SiLU
                graph.message(1, unary(layer.inputs().get(0), layer.id() + "/sigmoid", "Sigmoid"));
                Message mul = new Message();
                mul.string(1, layer.inputs().get(0));
                mul.string(1, layer.id() + "/sigmoid");
                mul.string(2, layer.id());
                mul.string(3, layer.id());
                mul.string(4, "Mul");
                graph.message(1, mul);
            } else {
                graph.message(1, node(layer));
            }
        }
        graph.string(2, network.name());
        for (Map.Entry<String, NDArray> parameter : model.parameters().entrySet()) {
            graph.message(5, tensor(parameter.getKey(), parameter.getValue()));
        }
        for (Layer layer : network.layers()) {
            if (layer.op() instanceof Op.Relu6) {
                // Clip takes its bounds as inputs since opset 11
                graph.message(5, scalar(layer.id() + ".min", 0));
                graph.message(5, scalar(layer.id() + ".max", 6));
            }
        }
        List<Integer> input = network.inputShape();
        graph.message(11, valueInfo(Network.INPUT, new long[] {-1, input.get(0), input.get(1), input.get(2)}));
        Layer last = network.layers().get(network.layers().size() - 1);
        graph.message(12, valueInfo(last.id(), new long[] {-1, network.shapes().get(last.id()).get(0)}));

        Message opset = new Message();
        opset.string(1, "");
        opset.int64(2, OPSET);
        Message modelProto = new Message();
        modelProto.int64(1, IR_VERSION);
        modelProto.string(2, "PruneLab");
        modelProto.message(7, graph);
        modelProto.message(8, opset);
        return modelProto.toByteArray();
    }

    private static Message node(Layer layer) {
        Message node = new Message();
        String id = layer.id();
        String p = id + ".";
        List<String> inputs = switch (layer.op()) {
            case Op.Conv2d c -> c.bias() ? List.of(layer.inputs().get(0), p + ParameterSpecs.WEIGHT, p + ParameterSpecs.BIAS)
                    : List.of(layer.inputs().get(0), p + ParameterSpecs.WEIGHT);
            case Op.BatchNorm2d b -> List.of(layer.inputs().get(0), p + ParameterSpecs.GAMMA, p + ParameterSpecs.BETA,
                    p + ParameterSpecs.RUNNING_MEAN, p + ParameterSpecs.RUNNING_VAR);
            case Op.Linear l -> l.bias() ? List.of(layer.inputs().get(0), p + ParameterSpecs.WEIGHT, p + ParameterSpecs.BIAS)
                    : List.of(layer.inputs().get(0), p + ParameterSpecs.WEIGHT);
            case Op.Relu6 r -> List.of(layer.inputs().get(0), p + "min", p + "max");
            default -> layer.inputs();
        };
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, id);
        node.string(3, id);
        switch (layer.op()) {
            case Op.Conv2d c -> {
                node.string(4, "Conv");
                node.message(5, ints("kernel_shape", c.kernel(), c.kernel()));
                node.message(5, ints("strides", c.stride(), c.stride()));
                node.message(5, ints("pads", c.padding(), c.padding(), c.padding(), c.padding()));
                node.message(5, intAttribute("group", c.groups()));
            }
            case Op.BatchNorm2d b -> {
                node.string(4, "BatchNormalization");
                node.message(5, floatAttribute("epsilon", (float) b.epsilon()));
                // ONNX's momentum weighs the running value, PyTorch's (the IR's) the new batch
                node.message(5, floatAttribute("momentum", (float) (1 - b.momentum())));
            }
            case Op.Relu r -> node.string(4, "Relu");
            case Op.Relu6 r -> node.string(4, "Clip");
            case Op.LeakyRelu l -> {
                node.string(4, "LeakyRelu");
                node.message(5, floatAttribute("alpha", (float) l.slope()));
            }
            case Op.Sigmoid s -> node.string(4, "Sigmoid");
            case Op.Silu s -> throw new IllegalStateException("SiLU is written as Sigmoid and Mul");
            case Op.MaxPool2d m -> {
                node.string(4, "MaxPool");
                node.message(5, ints("kernel_shape", m.kernel(), m.kernel()));
                node.message(5, ints("strides", m.stride(), m.stride()));
            }
            case Op.AvgPool2d a -> {
                node.string(4, "AveragePool");
                node.message(5, ints("kernel_shape", a.kernel(), a.kernel()));
                node.message(5, ints("strides", a.stride(), a.stride()));
            }
            case Op.GlobalAvgPool g -> node.string(4, "GlobalAveragePool");
            case Op.Flatten f -> {
                node.string(4, "Flatten");
                node.message(5, intAttribute("axis", 1));
            }
            case Op.Linear l -> {
                node.string(4, "Gemm");
                node.message(5, intAttribute("transB", 1));
            }
            // Sum adds any number of inputs, as the IR's add does
            case Op.Add a -> node.string(4, "Sum");
            case Op.Dropout d -> node.string(4, "Identity");
            case Op.Concat c -> {
                node.string(4, "Concat");
                node.message(5, intAttribute("axis", 1));
            }
        }
        return node;
    }

    private static Message tensor(String name, NDArray array) {
        Message tensor = new Message();
        for (long d : array.getShape().getShape()) {
            tensor.int64(1, d);
        }
        tensor.int64(2, 1); // FLOAT
        tensor.string(8, name);
        float[] values = array.toFloatArray();
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        tensor.bytes(9, raw.array());
        return tensor;
    }

    private static Message unary(String input, String output, String opType) {
        Message node = new Message();
        node.string(1, input);
        node.string(2, output);
        node.string(3, output);
        node.string(4, opType);
        return node;
    }

    private static Message scalar(String name, float value) {
        Message tensor = new Message();
        tensor.int64(2, 1); // FLOAT, no dims: a scalar
        tensor.string(8, name);
        tensor.bytes(9, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
        return tensor;
    }

    private static Message valueInfo(String name, long[] dims) {
        Message shape = new Message();
        for (long d : dims) {
            Message dim = new Message();
            if (d < 0) {
                dim.string(2, "batch");
            } else {
                dim.int64(1, d);
            }
            shape.message(1, dim);
        }
        Message tensorType = new Message();
        tensorType.int64(1, 1); // FLOAT
        tensorType.message(2, shape);
        Message type = new Message();
        type.message(1, tensorType);
        Message info = new Message();
        info.string(1, name);
        info.message(2, type);
        return info;
    }

    private static Message ints(String name, long... values) {
        Message attribute = new Message();
        attribute.string(1, name);
        for (long v : values) {
            attribute.int64(8, v);
        }
        attribute.int64(20, 7); // INTS
        return attribute;
    }

    private static Message intAttribute(String name, long value) {
        Message attribute = new Message();
        attribute.string(1, name);
        attribute.int64(3, value);
        attribute.int64(20, 2); // INT
        return attribute;
    }

    private static Message floatAttribute(String name, float value) {
        Message attribute = new Message();
        attribute.string(1, name);
        attribute.float32(2, value);
        attribute.int64(20, 1); // FLOAT
        return attribute;
    }

    /** A protobuf message being written, field by field. */
    private static final class Message {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

        void int64(int field, long value) {
            write(() -> out.writeInt64(field, value));
        }

        void float32(int field, float value) {
            write(() -> out.writeFloat(field, value));
        }

        void string(int field, String value) {
            write(() -> out.writeString(field, value));
        }

        void bytes(int field, byte[] value) {
            write(() -> out.writeByteArray(field, value));
        }

        void message(int field, Message value) {
            bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
            write(out::flush);
            return bytes.toByteArray();
        }

        private void write(IoAction action) {
            try {
                action.run();
            } catch (IOException e) {
                // into memory, nothing can fail but the heap
                throw new IllegalStateException(e);
            }
        }

        @FunctionalInterface
        private interface IoAction {
            void run() throws IOException;
        }
    }
}
