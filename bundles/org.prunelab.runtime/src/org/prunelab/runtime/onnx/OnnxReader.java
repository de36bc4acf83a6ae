package org.prunelab.runtime.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Reads the messages of onnx.proto the import needs, field by field, with protobuf-java's wire-format
 * reader; unknown fields are skipped, as protobuf readers do. Tensors stored outside the file
 * (external data) are refused.
 */
final class OnnxReader {

    private static final int FLOAT = 1;
    private static final int INT32 = 6;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;

    private OnnxReader() {
    }

    /**
     * Reads a model's graph.
     *
     * @param bytes the file's bytes
     * @return the graph
     * @throws IOException if the bytes are not an ONNX model (malformed, truncated, no graph)
     */
    static OnnxGraph read(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setSizeLimit(Integer.MAX_VALUE);
        OnnxGraph graph = null;
        boolean sawIrVersion = false;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT, "ir_version");
                    in.readInt64();
                    sawIrVersion = true;
                }
                case 7 -> {
                    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "graph");
                    graph = graph(in.readBytes());
                }
                default -> in.skipField(tag);
            }
        }
        if (graph == null || !sawIrVersion) {
            throw new IOException("not an ONNX model (no " + (graph == null ? "graph" : "IR version") + ")");
        }
        return graph;
    }

    private static OnnxGraph graph(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        Map<String, OnnxGraph.Tensor> initializers = new LinkedHashMap<>();
        List<OnnxGraph.ValueInfo> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> nodes.add(node(message(in, tag, "node")));
                case 2 -> name = string(in, tag, "graph name");
                case 5 -> {
                    OnnxGraph.Tensor tensor = tensor(message(in, tag, "initializer"));
                    initializers.put(tensor.name(), tensor);
                }
                case 11 -> inputs.add(valueInfo(message(in, tag, "input")));
                case 12 -> outputs.add(valueInfo(message(in, tag, "output")).name());
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph(name, nodes, initializers, inputs, outputs);
    }

    private static OnnxGraph.Node node(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        String opType = "";
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, OnnxGraph.Attribute> attributes = new LinkedHashMap<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> inputs.add(string(in, tag, "node input"));
                case 2 -> outputs.add(string(in, tag, "node output"));
                case 3 -> name = string(in, tag, "node name");
                case 4 -> opType = string(in, tag, "op_type");
                case 5 -> {
                    OnnxGraph.Attribute attribute = attribute(message(in, tag, "attribute"));
                    attributes.put(attribute.name(), attribute);
                }
                case 7 -> domain = string(in, tag, "domain");
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Node(name, opType, domain, inputs, outputs, attributes);
    }

    private static OnnxGraph.Attribute attribute(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        float f = 0;
        long i = 0;
        List<Long> ints = new ArrayList<>();
        OnnxGraph.Tensor tensor = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = string(in, tag, "attribute name");
                case 2 -> {
                    expect(tag, WireFormat.WIRETYPE_FIXED32, "attribute f");
                    f = in.readFloat();
                }
                case 3 -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT, "attribute i");
                    i = in.readInt64();
                }
                case 5 -> tensor = tensor(message(in, tag, "attribute t"));
                case 8 -> readInt64s(in, tag, ints);
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Attribute(name, f, i, ints.stream().mapToLong(Long::longValue).toArray(), tensor);
    }

    private static OnnxGraph.Tensor tensor(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        int dataType = 0;
        List<Long> dims = new ArrayList<>();
        List<Float> floatData = new ArrayList<>();
        List<Long> intData = new ArrayList<>();
        List<Double> doubleData = new ArrayList<>();
        ByteString raw = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> readInt64s(in, tag, dims);
                case 2 -> {
                    expect(tag, WireFormat.WIRETYPE_VARINT, "data_type");
                    dataType = in.readInt32();
                }
                case 4 -> readFloats(in, tag, floatData);
                case 5, 7 -> readInt64s(in, tag, intData);
                case 8 -> name = string(in, tag, "tensor name");
                case 9 -> raw = message(in, tag, "raw_data");
                case 10 -> readDoubles(in, tag, doubleData);
                case 13 -> throw new IOException("tensor stores its values in an external file, which PruneLab "
                        + "does not read (save the model as one file)");
                default -> in.skipField(tag);
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : shape) {
            if (d < 0 || d > Integer.MAX_VALUE || (count *= d) > Integer.MAX_VALUE - 8) {
                throw new IOException("tensor '" + name + "' has an impossible shape " + dims);
            }
        }
        int n = (int) count;
        float[] floats = new float[n];
        long[] longs = null;
        switch (dataType) {
            case FLOAT -> {
                if (raw != null) {
                    requireSize(name, raw, (long) n * 4);
                    raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
                } else {
                    requireCount(name, floatData.size(), n);
                    for (int k = 0; k < n; k++) {
                        floats[k] = floatData.get(k);
                    }
                }
            }
            case DOUBLE -> {
                if (raw != null) {
                    requireSize(name, raw, (long) n * 8);
                    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    for (int k = 0; k < n; k++) {
                        floats[k] = (float) buffer.getDouble();
                    }
                } else {
                    requireCount(name, doubleData.size(), n);
                    for (int k = 0; k < n; k++) {
                        floats[k] = doubleData.get(k).floatValue();
                    }
                }
            }
            case INT64, INT32 -> {
                longs = new long[n];
                if (raw != null) {
                    int width = dataType == INT64 ? 8 : 4;
                    requireSize(name, raw, (long) n * width);
                    ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
                    for (int k = 0; k < n; k++) {
                        longs[k] = width == 8 ? buffer.getLong() : buffer.getInt();
                    }
                } else {
                    requireCount(name, intData.size(), n);
                    for (int k = 0; k < n; k++) {
                        longs[k] = intData.get(k);
                    }
                }
                for (int k = 0; k < n; k++) {
                    floats[k] = longs[k];
                }
            }
            default -> throw new IOException("tensor '" + name + "' is of ONNX data type " + dataType
                    + "; PruneLab reads float, double, int32 and int64 tensors");
        }
        return new OnnxGraph.Tensor(name, dataType, shape, floats, longs);
    }

    private static OnnxGraph.ValueInfo valueInfo(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        List<Long> dims = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = string(in, tag, "value name");
                // TypeProto.tensor_type (1) → Tensor.shape (2) → TensorShapeProto.dim (1) → dim_value / dim_param
                case 2 -> shape(field(message(in, tag, "type"), 1), dims, symbols);
                default -> in.skipField(tag);
            }
        }
        String[] symbolArray = symbols.toArray(String[]::new);
        return new OnnxGraph.ValueInfo(name, dims.stream().mapToLong(Long::longValue).toArray(), symbolArray);
    }

    private static void shape(ByteString tensorType, List<Long> dims, List<String> symbols) throws IOException {
        if (tensorType == null) {
            return;
        }
        ByteString shape = field(tensorType, 2);
        if (shape == null) {
            return;
        }
        CodedInputStream in = shape.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) != 1) {
                in.skipField(tag);
                continue;
            }
            CodedInputStream dim = message(in, tag, "dim").newCodedInput();
            long value = -1;
            String symbol = null;
            for (int t = dim.readTag(); t != 0; t = dim.readTag()) {
                switch (WireFormat.getTagFieldNumber(t)) {
                    case 1 -> value = dim.readInt64();
                    case 2 -> symbol = dim.readStringRequireUtf8();
                    default -> dim.skipField(t);
                }
            }
            dims.add(value);
            symbols.add(value < 0 && symbol == null ? "?" : symbol);
        }
    }

    /** The first length-delimited field of a number in a message, or null. */
    private static ByteString field(ByteString message, int number) throws IOException {
        CodedInputStream in = message.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == number
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                return in.readBytes();
            }
            in.skipField(tag);
        }
        return null;
    }

    private static ByteString message(CodedInputStream in, int tag, String what) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        return in.readBytes();
    }

    private static String string(CodedInputStream in, int tag, String what) throws IOException {
        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, what);
        return in.readStringRequireUtf8();
    }

    private static void readInt64s(CodedInputStream in, int tag, List<Long> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            expect(tag, WireFormat.WIRETYPE_VARINT, "integers");
            into.add(in.readInt64());
        }
    }

    private static void readFloats(CodedInputStream in, int tag, List<Float> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readFloat());
            }
            in.popLimit(limit);
        } else {
            expect(tag, WireFormat.WIRETYPE_FIXED32, "floats");
            into.add(in.readFloat());
        }
    }

    private static void readDoubles(CodedInputStream in, int tag, List<Double> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readDouble());
            }
            in.popLimit(limit);
        } else {
            expect(tag, WireFormat.WIRETYPE_FIXED64, "doubles");
            into.add(in.readDouble());
        }
    }

    private static void expect(int tag, int wireType, String what) throws IOException {
        if (WireFormat.getTagWireType(tag) != wireType) {
            throw new IOException("field " + WireFormat.getTagFieldNumber(tag) + " (" + what + ") has wire type "
                    + WireFormat.getTagWireType(tag) + ", not " + wireType + ": not an ONNX model, or a damaged one");
        }
    }

    private static void requireSize(String name, ByteString raw, long bytes) throws IOException {
        if (raw.size() != bytes) {
            throw new IOException("tensor '" + name + "' holds " + raw.size() + " bytes of values, its shape needs "
                    + bytes);
        }
    }

    private static void requireCount(String name, int count, int needed) throws IOException {
        if (count != needed) {
            throw new IOException("tensor '" + name + "' holds " + count + " values, its shape needs " + needed);
        }
    }
}
