package org.prunelab.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Turns an ONNX model into a network of PruneLab's IR with its weights. Each supported node becomes a
 * layer named after the module that made it (PyTorch's exporter names nodes "/features/features.0/Conv":
 * the layer is "features.0"); Dropout and Identity pass their input on; MatMul followed by the Add of a
 * bias is one linear layer. An operator the IR has no layer for is refused naming the node.
 */
public final class OnnxImport {

    /** The operators read, for messages. */
    public static final List<String> OPERATORS = List.of("Conv (grouped and depthwise too)", "BatchNormalization", "Relu", "MaxPool",
            "AveragePool", "GlobalAveragePool", "Flatten", "Reshape (as a flatten)", "Gemm", "MatMul + Add", "Add", "Sum", "Concat (of channels)",
            "Clip to [0, 6] (ReLU6)", "LeakyRelu", "Sigmoid", "Sigmoid + Mul (SiLU)",
            "Dropout", "Identity", "Constant");

    /** Larger files are not models this workbench prunes (VGG-16 is about 60 MB). */
    private static final long MAX_BYTES = 1L << 31;

    /**
     * A network and its weights, before any native memory is used.
     *
     * @param network the IR
     * @param parameters parameter name to its shape and values
     */
    public record Imported(Network network, Map<String, Weights> parameters) {
    }

    /**
     * One parameter's values.
     *
     * @param shape its shape
     * @param values its values, row-major
     */
    public record Weights(long[] shape, float[] values) {
    }

    private OnnxImport() {
    }

    /**
     * Reads an ONNX file's network and weights.
     *
     * @param file the .onnx file
     * @return the network and its weights
     * @throws ModelFileException naming the file and, for a graph PruneLab cannot represent, the node and
     *             its operator; for a damaged file, what is wrong
     */
    public static Imported read(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ModelFileException(file, "is " + size + " bytes, more than an ONNX model PruneLab reads");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "the file is missing");
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot be read: " + e.getMessage());
        }
        OnnxGraph graph;
        try {
            graph = OnnxReader.read(bytes);
        } catch (IOException e) {
            throw new ModelFileException(file, "is not a readable ONNX model: " + e.getMessage());
        }
        try {
            return new Conversion(graph, file).run();
        } catch (ModelFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // an IR the graph maps onto but that does not hold together (InvalidNetworkException names the layer)
            throw new ModelFileException(file, e.getMessage());
        }
    }

    /**
     * Reads an ONNX file as a model.
     *
     * @param file the .onnx file
     * @param parent the manager under which the model's manager is created
     * @return the model
     * @throws ModelFileException as {@link #read} does
     */
    public static NetworkModel load(Path file, NDManager parent) {
        Imported imported = read(file);
        NDManager manager = parent.newSubManager();
        try {
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            imported.parameters().forEach((name, w) -> parameters.put(name, manager.create(w.values(),
                    new Shape(w.shape()))));
            return NetworkModel.of(imported.network(), manager, parameters);
        } catch (RuntimeException e) {
            manager.close();
            throw e instanceof ModelFileException m ? m : new ModelFileException(file, e.getMessage());
        }
    }

    /** One conversion of a graph. */
    private static final class Conversion {

        private final OnnxGraph graph;
        private final Path file;
        private final Map<String, OnnxGraph.Tensor> constants;
        /** Tensor name to the id of the layer that produces it (or the network's input). */
        private final Map<String, String> producers = new HashMap<>();
        private final List<Layer> layers = new ArrayList<>();
        private final Map<String, Weights> parameters = new LinkedHashMap<>();
        private final Set<String> ids = new HashSet<>();
        /** Module paths that hold other modules' nodes. */
        private final Set<String> containers = new HashSet<>();

        Conversion(OnnxGraph graph, Path file) {
            this.graph = graph;
            this.file = file;
            this.constants = new HashMap<>(graph.initializers());
            for (OnnxGraph.Node node : graph.nodes()) {
                String scope = scope(node);
                for (int dot = scope == null ? -1 : scope.lastIndexOf('.'); dot > 0; dot = scope.lastIndexOf('.',
                        dot - 1)) {
                    containers.add(scope.substring(0, dot));
                }
            }
        }

        Imported run() {
            List<Integer> inputShape = input();
            for (OnnxGraph.Node node : graph.nodes()) {
                convert(node);
            }
            if (graph.outputs().size() != 1) {
                throw new ModelFileException(file, "the graph has " + graph.outputs().size()
                        + " outputs; PruneLab imports classifiers with one output of class scores");
            }
            String last = producers.get(graph.outputs().get(0));
            if (layers.isEmpty() || !layers.get(layers.size() - 1).id().equals(last)) {
                throw new ModelFileException(file, "the graph's output '" + graph.outputs().get(0)
                        + "' is not made by its last node");
            }
            String name = graph.name().isBlank() ? file.getFileName().toString().replaceFirst("\\.onnx$", "")
                    : graph.name();
            Network network = new Network(name, inputShape, layers);
            network.shapes();
            Map<String, Weights> ordered = new LinkedHashMap<>();
            ParameterSpecs.of(network).forEach((param, shape) -> {
                Weights w = parameters.get(param);
                if (w == null) {
                    throw new ModelFileException(file, "no weights for parameter '" + param + "'");
                }
                if (!Arrays.equals(w.shape(), shape.getShape())) {
                    throw new ModelFileException(file, "parameter '" + param + "' has shape " + Arrays.toString(
                            w.shape()) + ", the layer needs " + shape);
                }
                ordered.put(param, w);
            });
            return new Imported(network, ordered);
        }

        /** The one graph input that is not an initializer: [batch, channels, height, width]. */
        private List<Integer> input() {
            List<OnnxGraph.ValueInfo> inputs = graph.inputs().stream()
                    .filter(v -> !graph.initializers().containsKey(v.name())).toList();
            if (inputs.size() != 1) {
                throw new ModelFileException(file, "the graph has " + inputs.size() + " inputs besides its weights; "
                        + "PruneLab imports networks of one image input");
            }
            OnnxGraph.ValueInfo input = inputs.get(0);
            if (input.dims().length != 4) {
                throw new ModelFileException(file, "input '" + input.name() + "' has " + input.dims().length
                        + " dimensions; PruneLab imports image networks, [batch, channels, height, width]");
            }
            List<Integer> shape = new ArrayList<>();
            String[] axes = {"channels", "height", "width"};
            for (int d = 1; d < 4; d++) {
                if (input.dims()[d] <= 0) {
                    throw new ModelFileException(file, "the " + axes[d - 1] + " of input '" + input.name()
                            + "' is dynamic ('" + input.symbols()[d] + "'); only the batch may be: export with a "
                            + "fixed image size");
                }
                shape.add((int) input.dims()[d]);
            }
            producers.put(input.name(), Network.INPUT);
            return shape;
        }

        private void convert(OnnxGraph.Node node) {
            if (node.outputs().isEmpty() || node.outputs().get(0).isEmpty()) {
                throw new ModelFileException(file, "node '" + node.name() + "' (" + node.opType() + ") has no output");
            }
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                throw unsupported(node, "of domain " + node.domain());
            }
            switch (node.opType()) {
                case "Constant" -> {
                    OnnxGraph.Attribute value = node.attributes().get("value");
                    if (value == null || value.tensor() == null) {
                        throw unsupported(node, "without a tensor value");
                    }
                    constants.put(node.outputs().get(0), value.tensor());
                }
                case "Identity", "Dropout" -> producers.put(node.outputs().get(0), source(node, 0));
                case "Conv" -> conv(node);
                case "BatchNormalization" -> {
                    String id = add(node, new Op.BatchNorm2d(floatOr(node, "epsilon", 1e-5f),
                            1 - floatOr(node, "momentum", 0.9f)), source(node, 0));
                    weights(id, ParameterSpecs.GAMMA, constant(node, 1));
                    weights(id, ParameterSpecs.BETA, constant(node, 2));
                    weights(id, ParameterSpecs.RUNNING_MEAN, constant(node, 3));
                    weights(id, ParameterSpecs.RUNNING_VAR, constant(node, 4));
                }
                case "Relu" -> add(node, new Op.Relu(), source(node, 0));
                case "Clip" -> clip(node);
                case "LeakyRelu" -> add(node, new Op.LeakyRelu(floatOr(node, "alpha", 0.01f)), source(node, 0));
                case "Sigmoid" -> add(node, new Op.Sigmoid(), source(node, 0));
                case "Mul" -> silu(node);
                case "MaxPool", "AveragePool" -> pool(node);
                case "GlobalAveragePool" -> add(node, new Op.GlobalAvgPool(), source(node, 0));
                case "Flatten" -> {
                    if (intOr(node, "axis", 1) != 1) {
                        throw unsupported(node, "flattening from axis " + intOr(node, "axis", 1));
                    }
                    add(node, new Op.Flatten(), source(node, 0));
                }
                case "Reshape" -> reshape(node);
                case "Gemm" -> gemm(node);
                case "MatMul" -> matMul(node);
                case "Add" -> addNode(node);
                case "Sum" -> many(node, new Op.Add());
                case "Concat" -> {
                    long axis = intOr(node, "axis", 1);
                    if (axis != 1 && axis != -3) {
                        throw unsupported(node, "along axis " + axis + " (only the channels, axis 1, are read)");
                    }
                    many(node, new Op.Concat());
                }
                default -> throw unsupported(node, "");
            }
        }

        private void conv(OnnxGraph.Node node) {
            OnnxGraph.Tensor weight = constant(node, 1);
            if (weight.dims().length != 4) {
                throw unsupported(node, "of " + (weight.dims().length - 2) + " spatial dimensions");
            }
            long group = intOr(node, "group", 1);
            if (group < 1 || group > weight.dims()[0]) {
                throw unsupported(node, "in " + group + " groups, for " + weight.dims()[0] + " filters");
            }
            int kernel = square(node, "kernel_shape", (int) weight.dims()[2], (int) weight.dims()[3]);
            if (weight.dims()[2] != weight.dims()[3]) {
                throw unsupported(node, "with a " + weight.dims()[2] + "×" + weight.dims()[3] + " kernel");
            }
            int stride = square(node, "strides", 1, 1);
            int padding = padding(node);
            long[] dilations = intsOr(node, "dilations", new long[] {1, 1});
            if (Arrays.stream(dilations).anyMatch(d -> d != 1)) {
                throw unsupported(node, "dilated " + Arrays.toString(dilations));
            }
            boolean bias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty();
            String id = add(node, new Op.Conv2d((int) weight.dims()[0], kernel, stride, padding, bias, (int) group),
                    source(node, 0));
            weights(id, ParameterSpecs.WEIGHT, weight);
            if (bias) {
                weights(id, ParameterSpecs.BIAS, constant(node, 2));
            }
        }

        /** Clip to [0, 6] is ReLU6 (bounds as inputs since opset 11, as attributes before). */
        private void clip(OnnxGraph.Node node) {
            float min = node.attributes().containsKey("min") ? floatOr(node, "min", 0) : bound(node, 1, Float.NaN);
            float max = node.attributes().containsKey("max") ? floatOr(node, "max", 0) : bound(node, 2, Float.NaN);
            if (min == 0 && max == 6) {
                add(node, new Op.Relu6(), source(node, 0));
            } else if (min == 0 && Float.isNaN(max)) {
                add(node, new Op.Relu(), source(node, 0));
            } else {
                throw unsupported(node, "to [" + min + ", " + max + "] (only [0, 6], ReLU6, is read)");
            }
        }

        private float bound(OnnxGraph.Node node, int index, float absent) {
            if (node.inputs().size() <= index || node.inputs().get(index).isEmpty()) {
                return absent;
            }
            OnnxGraph.Tensor tensor = constant(node, index);
            if (tensor.floats().length != 1) {
                throw unsupported(node, "with a bound of " + tensor.floats().length + " values");
            }
            return tensor.floats()[0];
        }

        /** x · sigmoid(x), as PyTorch exports nn.SiLU, is one SiLU layer in place of the sigmoid. */
        private void silu(OnnxGraph.Node node) {
            Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (node.inputs().size() == 2 && last != null && last.op() instanceof Op.Sigmoid) {
                for (int i = 0; i < 2; i++) {
                    String x = producers.get(node.inputs().get(i));
                    String gate = producers.get(node.inputs().get(1 - i));
                    if (x != null && last.id().equals(gate) && last.inputs().get(0).equals(x)) {
                        layers.set(layers.size() - 1, new Layer(last.id(), new Op.Silu(), last.inputs()));
                        producers.put(node.outputs().get(0), last.id());
                        return;
                    }
                }
            }
            throw unsupported(node, "other than x · sigmoid(x) (SiLU)");
        }

        private void pool(OnnxGraph.Node node) {
            long[] kernel = intsOr(node, "kernel_shape", null);
            if (kernel == null || kernel.length != 2 || kernel[0] != kernel[1]) {
                throw unsupported(node, "with kernel " + Arrays.toString(kernel));
            }
            int stride = square(node, "strides", 1, 1);
            if (padding(node) != 0 || intOr(node, "ceil_mode", 0) != 0) {
                throw unsupported(node, "with padding or ceil_mode");
            }
            Op op = node.opType().equals("MaxPool") ? new Op.MaxPool2d((int) kernel[0], stride)
                    : new Op.AvgPool2d((int) kernel[0], stride);
            add(node, op, source(node, 0));
        }

        private void reshape(OnnxGraph.Node node) {
            OnnxGraph.Tensor shape = constant(node, 1);
            long[] to = shape.longs();
            // x.view(x.size(0), -1) exports as Reshape to [N or 0 or -1, -1]: a flatten
            if (to == null || to.length != 2 || to[1] != -1 && to[0] != -1 && to[0] != 0) {
                throw unsupported(node, "to " + (to == null ? "a computed shape" : Arrays.toString(to))
                        + " (only a reshape to [batch, -1], a flatten, is read)");
            }
            add(node, new Op.Flatten(), source(node, 0));
        }

        private void gemm(OnnxGraph.Node node) {
            if (intOr(node, "transA", 0) != 0 || floatOr(node, "alpha", 1) != 1 || floatOr(node, "beta", 1) != 1) {
                throw unsupported(node, "with transA, alpha or beta");
            }
            OnnxGraph.Tensor b = constant(node, 1);
            if (b.dims().length != 2) {
                throw unsupported(node, "by a " + b.dims().length + "-dimensional tensor");
            }
            float[] weight = intOr(node, "transB", 0) == 1 ? b.floats() : transpose(b);
            long units = intOr(node, "transB", 0) == 1 ? b.dims()[0] : b.dims()[1];
            long in = intOr(node, "transB", 0) == 1 ? b.dims()[1] : b.dims()[0];
            boolean bias = node.inputs().size() > 2 && !node.inputs().get(2).isEmpty();
            String id = add(node, new Op.Linear((int) units, bias), source(node, 0));
            parameters.put(id + "." + ParameterSpecs.WEIGHT, new Weights(new long[] {units, in}, weight));
            if (bias) {
                OnnxGraph.Tensor c = constant(node, 2);
                parameters.put(id + "." + ParameterSpecs.BIAS, new Weights(new long[] {units}, c.floats()));
            }
        }

        private void matMul(OnnxGraph.Node node) {
            OnnxGraph.Tensor b = constant(node, 1);
            if (b.dims().length != 2) {
                throw unsupported(node, "by a " + b.dims().length + "-dimensional tensor");
            }
            String id = add(node, new Op.Linear((int) b.dims()[1], false), source(node, 0));
            parameters.put(id + "." + ParameterSpecs.WEIGHT, new Weights(new long[] {b.dims()[1], b.dims()[0]},
                    transpose(b)));
        }

        private void addNode(OnnxGraph.Node node) {
            if (node.inputs().size() != 2) {
                throw unsupported(node, "of " + node.inputs().size() + " inputs");
            }
            String first = node.inputs().get(0);
            String second = node.inputs().get(1);
            OnnxGraph.Tensor bias = constants.get(second) != null ? constants.get(second) : constants.get(first);
            if (bias == null) {
                String id = add(node, new Op.Add(), null);
                layers.set(layers.size() - 1, new Layer(id, new Op.Add(), List.of(source(node, 0), source(node, 1))));
                return;
            }
            // MatMul then Add of a vector: the linear layer's bias
            String into = producers.get(constants.get(second) != null ? first : second);
            Layer last = layers.isEmpty() ? null : layers.get(layers.size() - 1);
            if (last == null || !last.id().equals(into) || !(last.op() instanceof Op.Linear linear) || linear.bias()
                    || bias.floats().length != linear.units()) {
                throw unsupported(node, "adding a constant to anything but a MatMul's result");
            }
            layers.set(layers.size() - 1, new Layer(last.id(), new Op.Linear(linear.units(), true), last.inputs()));
            parameters.put(last.id() + "." + ParameterSpecs.BIAS, new Weights(new long[] {linear.units()},
                    bias.floats()));
            producers.put(node.outputs().get(0), last.id());
        }

        /** Adds the node's layer reading all its sources. */
        private void many(OnnxGraph.Node node, Op op) {
            List<String> sources = new ArrayList<>();
            for (int i = 0; i < node.inputs().size(); i++) {
                sources.add(source(node, i));
            }
            String id = add(node, op, null);
            layers.set(layers.size() - 1, new Layer(id, op, sources));
        }

        /** Adds the node's layer reading one source (or none, to be set by the caller). */
        private String add(OnnxGraph.Node node, Op op, String source) {
            String id = id(node);
            layers.add(source == null ? new Layer(id, op, List.of()) : Layer.of(id, op, source));
            producers.put(node.outputs().get(0), id);
            return id;
        }

        /**
         * The layer's id: the module path of PyTorch's node name ("/layer1/layer1.0/conv1/Conv" is
         * "layer1.0.conv1"); a node of a module that holds others (torch.relu in a block's forward), or of
         * none, adds its operator ("layer1.0.relu"); a node without such a name is named by its operator.
         */
        private String id(OnnxGraph.Node node) {
            String op = node.name().startsWith("/") ? node.name().substring(node.name().lastIndexOf('/') + 1)
                    .toLowerCase() : node.opType().toLowerCase();
            String scope = scope(node);
            String base = scope == null ? (node.name().isBlank() ? op : node.name())
                    : scope.isEmpty() || containers.contains(scope) ? (scope.isEmpty() ? op : scope + "." + op) : scope;
            String id = base;
            for (int n = 2; taken(id); n++) {
                id = base + "_" + n;
            }
            ids.add(id);
            return id;
        }

        /** The module path of a node named by PyTorch ("/a/a.0/b/Conv" is "a.0.b"), or null. */
        private static String scope(OnnxGraph.Node node) {
            String name = node.name();
            if (!name.startsWith("/")) {
                return null;
            }
            String inner = name.substring(1, Math.max(1, name.lastIndexOf('/')));
            if (inner.isEmpty() || name.lastIndexOf('/') == 0) {
                return "";
            }
            // each part is a module's attribute, "blocks.2" being item 2 of the part "blocks" before it
            String[] parts = inner.split("/");
            StringBuilder path = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].startsWith(parts[i - 1] + ".")) {
                    path.append(parts[i].substring(parts[i - 1].length()));
                } else {
                    path.append('.').append(parts[i]);
                }
            }
            return path.toString();
        }

        private boolean taken(String id) {
            return id.equals(Network.INPUT) || ids.contains(id);
        }

        private String source(OnnxGraph.Node node, int index) {
            if (node.inputs().size() <= index) {
                throw new ModelFileException(file, "node '" + node.name() + "' (" + node.opType() + ") has no input "
                        + index);
            }
            String tensor = node.inputs().get(index);
            String producer = producers.get(tensor);
            if (producer == null) {
                throw new ModelFileException(file, "node '" + node.name() + "' (" + node.opType() + ") reads '"
                        + tensor + "', which no node before it makes");
            }
            return producer;
        }

        private OnnxGraph.Tensor constant(OnnxGraph.Node node, int index) {
            if (node.inputs().size() <= index) {
                throw new ModelFileException(file, "node '" + node.name() + "' (" + node.opType() + ") has no input "
                        + index);
            }
            OnnxGraph.Tensor tensor = constants.get(node.inputs().get(index));
            if (tensor == null) {
                throw unsupported(node, "whose input '" + node.inputs().get(index) + "' is computed, not a weight");
            }
            return tensor;
        }

        private void weights(String id, String role, OnnxGraph.Tensor tensor) {
            parameters.put(id + "." + role, new Weights(tensor.dims(), tensor.floats()));
        }

        private int square(OnnxGraph.Node node, String attribute, int defaultHeight, int defaultWidth) {
            long[] values = intsOr(node, attribute, new long[] {defaultHeight, defaultWidth});
            if (values.length != 2 || values[0] != values[1]) {
                throw unsupported(node, "with " + attribute + " " + Arrays.toString(values));
            }
            return (int) values[0];
        }

        private int padding(OnnxGraph.Node node) {
            OnnxGraph.Attribute autoPad = node.attributes().get("auto_pad");
            if (autoPad != null) {
                throw unsupported(node, "with auto_pad");
            }
            long[] pads = intsOr(node, "pads", new long[] {0, 0, 0, 0});
            if (pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p != pads[0])) {
                throw unsupported(node, "with uneven pads " + Arrays.toString(pads));
            }
            return (int) pads[0];
        }

        private static float[] transpose(OnnxGraph.Tensor matrix) {
            int rows = (int) matrix.dims()[0];
            int columns = (int) matrix.dims()[1];
            float[] out = new float[rows * columns];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < columns; c++) {
                    out[c * rows + r] = matrix.floats()[r * columns + c];
                }
            }
            return out;
        }

        private static long intOr(OnnxGraph.Node node, String name, long fallback) {
            OnnxGraph.Attribute a = node.attributes().get(name);
            return a == null ? fallback : a.i();
        }

        private static float floatOr(OnnxGraph.Node node, String name, float fallback) {
            OnnxGraph.Attribute a = node.attributes().get(name);
            return a == null ? fallback : a.f();
        }

        private static long[] intsOr(OnnxGraph.Node node, String name, long[] fallback) {
            OnnxGraph.Attribute a = node.attributes().get(name);
            return a == null ? fallback : a.ints();
        }

        private ModelFileException unsupported(OnnxGraph.Node node, String how) {
            String article = "AEIOU".indexOf(node.opType().isEmpty() ? 'x' : node.opType().charAt(0)) >= 0 ? "an " : "a ";
            return new ModelFileException(file, "node '" + node.name() + "' is " + article + node.opType()
                    + (how.isEmpty() ? "" : " " + how) + ", which PruneLab cannot import yet (it reads "
                    + String.join(", ", OPERATORS) + ")");
        }
    }
}
