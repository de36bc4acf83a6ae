package org.prunelab.runtime.onnx;

import java.util.List;
import java.util.Map;

/**
 * The part of an ONNX model the import reads: the graph's nodes in order, its initializers, inputs and
 * outputs. Field numbers are those of onnx.proto.
 *
 * @param name the graph's name
 * @param nodes the nodes, in the (topological) order of the file
 * @param initializers tensor name to its values
 * @param inputs the graph's inputs, initializers included when the file lists them
 * @param outputs the names of the graph's outputs
 */
record OnnxGraph(String name, List<Node> nodes, Map<String, Tensor> initializers, List<ValueInfo> inputs,
        List<String> outputs) {

    /**
     * One operator.
     *
     * @param name the node's name (may be empty)
     * @param opType the operator, e.g. "Conv"
     * @param domain the operator set's domain, empty for the default
     * @param inputs the names of the tensors it reads; an empty name is an omitted optional input
     * @param outputs the names of the tensors it writes
     * @param attributes the attributes by name
     */
    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {
    }

    /**
     * An attribute: the one of its values the type says.
     *
     * @param name its name
     * @param f a float value
     * @param i an integer value
     * @param ints a list of integers
     * @param tensor a tensor value (of a Constant)
     */
    record Attribute(String name, float f, long i, long[] ints, Tensor tensor) {
    }

    /**
     * A tensor.
     *
     * @param name its name
     * @param dataType the TensorProto data type (1 float, 6 int32, 7 int64, 11 double)
     * @param dims its shape
     * @param floats its values as floats (float, double and integer tensors alike)
     * @param longs its values as integers, for integer tensors (shapes of Reshape)
     */
    record Tensor(String name, int dataType, long[] dims, float[] floats, long[] longs) {
    }

    /**
     * A graph input or output with its type.
     *
     * @param name the tensor's name
     * @param dims each dimension's size, or -1 when it is symbolic
     * @param symbols each dimension's symbol, or null when it has a size
     */
    record ValueInfo(String name, long[] dims, String[] symbols) {
    }
}
