package org.prunelab.runtime.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A CNN as a graph of layers in execution order; the last layer's output is the network's (the logits).
 * <p>
 * Shapes exclude the batch axis: [channels, height, width] for feature maps, [features] after
 * flatten. A network is valid when {@link #shapes()} succeeds.
 *
 * @param name display name, e.g. "vgg16-bn"
 * @param inputShape shape of one input sample, [channels, height, width]
 * @param layers the layers, each reading only the input or layers before it
 */
public record Network(String name, List<Integer> inputShape, List<Layer> layers) {

    /** The id by which a layer reads the network's input. */
    public static final String INPUT = "input";

    /** The most values an array (a feature map, a weight) may have: Java arrays are indexed by int. */
    private static final long MAX_ARRAY_VALUES = Integer.MAX_VALUE - 8;

    /** Copies the lists; checks the input shape. */
    public Network {
        Objects.requireNonNull(name, "name");
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
        if (inputShape.size() != 3 || inputShape.stream().anyMatch(d -> d <= 0)) {
            throw new InvalidNetworkException(null, "the input shape must be [channels, height, width], not " + inputShape);
        }
        requireArraySize(null, "the input " + inputShape, inputShape.stream().mapToLong(Integer::longValue).toArray());
        if (layers.isEmpty()) {
            throw new InvalidNetworkException(null, "a network needs at least one layer");
        }
    }

    /**
     * The layer with an id.
     *
     * @param id a layer id
     * @return the layer, or empty if the network has none of that id
     */
    public Optional<Layer> layer(String id) {
        return layers.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /**
     * The last layer, whose output the network returns.
     *
     * @return the output layer
     */
    public Layer output() {
        return layers.get(layers.size() - 1);
    }

    /**
     * The layers that read a layer's output (or the input's, for {@link #INPUT}).
     *
     * @param id a layer id or {@link #INPUT}
     * @return the consumers, in execution order
     */
    public List<Layer> consumers(String id) {
        return layers.stream().filter(l -> l.inputs().contains(id)).toList();
    }

    /**
     * The layers of a type.
     *
     * @param <T> the operation type
     * @param type the operation's class, e.g. {@code Op.Conv2d.class}
     * @return the layers whose op is of that type, in execution order
     */
    public <T extends Op> List<Layer> layersOf(Class<T> type) {
        return layers.stream().filter(l -> type.isInstance(l.op())).toList();
    }

    /**
     * Checks the graph and infers the output shape of every layer.
     *
     * @return layer id to output shape (without the batch axis), in execution order; {@link #INPUT} first
     * @throws InvalidNetworkException naming the first layer that is wrong
     */
    public Map<String, List<Integer>> shapes() {
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        shapes.put(INPUT, inputShape);
        Set<String> ids = new HashSet<>();
        for (Layer layer : layers) {
            if (layer.id().equals(INPUT) || !ids.add(layer.id())) {
                throw new InvalidNetworkException(layer.id(), "the id is used twice (or is the reserved '" + INPUT + "')");
            }
            List<List<Integer>> in = new ArrayList<>();
            for (String source : layer.inputs()) {
                List<Integer> shape = shapes.get(source);
                if (shape == null) {
                    throw new InvalidNetworkException(layer.id(), "reads '" + source
                            + "', which is not the input or an earlier layer");
                }
                in.add(shape);
            }
            shapes.put(layer.id(), outputShape(layer, in));
        }
        List<Integer> out = shapes.get(output().id());
        if (out.size() != 1) {
            throw new InvalidNetworkException(output().id(), "the output layer must give a vector of class scores, not " + out);
        }
        return shapes;
    }

    /**
     * The number of classes the network scores.
     *
     * @return the size of the output vector
     */
    public int classes() {
        return shapes().get(output().id()).get(0);
    }

    private static List<Integer> outputShape(Layer layer, List<List<Integer>> in) {
        List<Integer> shape = inferShape(layer, in);
        requireArraySize(layer.id(), "its output " + shape, shape.stream().mapToLong(Integer::longValue).toArray());
        return shape;
    }

    private static List<Integer> inferShape(Layer layer, List<List<Integer>> in) {
        String id = layer.id();
        if (layer.op() instanceof Op.Add) {
            if (in.size() < 2) {
                throw new InvalidNetworkException(id, "add needs at least two inputs, has " + in.size());
            }
            for (List<Integer> shape : in) {
                if (!shape.equals(in.get(0))) {
                    throw new InvalidNetworkException(id, "add needs inputs of one shape, got " + in);
                }
            }
            return in.get(0);
        }
        if (layer.op() instanceof Op.Concat) {
            if (in.size() < 2) {
                throw new InvalidNetworkException(id, "concat needs at least two inputs, has " + in.size());
            }
            int channels = 0;
            for (List<Integer> shape : in) {
                requireMap(id, shape, layer.op());
                if (!shape.subList(1, 3).equals(in.get(0).subList(1, 3))) {
                    throw new InvalidNetworkException(id, "concat needs inputs of one height and width, got " + in);
                }
                channels += shape.get(0);
            }
            return List.of(channels, in.get(0).get(1), in.get(0).get(2));
        }
        if (in.size() != 1) {
            throw new InvalidNetworkException(id, layer.op().type() + " needs exactly one input, has " + in.size());
        }
        List<Integer> x = in.get(0);
        return switch (layer.op()) {
            case Op.Conv2d c -> {
                requireMap(id, x, c);
                if (x.get(0) % c.groups() != 0) {
                    throw new InvalidNetworkException(id, "its " + x.get(0) + " input channels cannot be split into "
                            + c.groups() + " groups");
                }
                requireArraySize(id, "its weight", c.filters(), x.get(0) / c.groups(), c.kernel(), c.kernel());
                yield List.of(c.filters(), window(id, x.get(1), c.kernel(), c.stride(), c.padding()),
                        window(id, x.get(2), c.kernel(), c.stride(), c.padding()));
            }
            case Op.BatchNorm2d b -> {
                requireMap(id, x, b);
                yield x;
            }
            case Op.MaxPool2d p -> {
                requireMap(id, x, p);
                yield List.of(x.get(0), window(id, x.get(1), p.kernel(), p.stride(), 0),
                        window(id, x.get(2), p.kernel(), p.stride(), 0));
            }
            case Op.AvgPool2d p -> {
                requireMap(id, x, p);
                yield List.of(x.get(0), window(id, x.get(1), p.kernel(), p.stride(), 0),
                        window(id, x.get(2), p.kernel(), p.stride(), 0));
            }
            case Op.GlobalAvgPool g -> {
                requireMap(id, x, g);
                yield List.of(x.get(0), 1, 1);
            }
            case Op.Flatten f -> List.of(Math.toIntExact(requireArraySize(id, "its output",
                    x.stream().mapToLong(Integer::longValue).toArray())));
            case Op.Linear l -> {
                if (x.size() != 1) {
                    throw new InvalidNetworkException(id, "linear needs a vector input (flatten first), got " + x);
                }
                requireArraySize(id, "its weight", l.units(), x.get(0));
                yield List.of(l.units());
            }
            case Op.Relu r -> x;
            case Op.Relu6 r -> x;
            case Op.LeakyRelu l -> x;
            case Op.Silu s -> x;
            case Op.Sigmoid s -> x;
            case Op.Dropout d -> x;
            case Op.Add a -> throw new IllegalStateException("handled above");
            case Op.Concat a -> throw new IllegalStateException("handled above");
        };
    }

    private static void requireMap(String id, List<Integer> x, Op op) {
        if (x.size() != 3) {
            throw new InvalidNetworkException(id, op.type() + " needs a [channels, height, width] input, got " + x);
        }
    }

    private static int window(String id, int size, int kernel, int stride, int padding) {
        // long: a padding read from a file may be anything up to Integer.MAX_VALUE
        long padded = size + 2L * padding;
        if (padded < kernel) {
            throw new InvalidNetworkException(id, "kernel " + kernel + " is larger than the padded input " + padded);
        }
        long out = (padded - kernel) / stride + 1;
        if (out > Integer.MAX_VALUE) {
            throw new InvalidNetworkException(id, "its output would be " + out + " positions wide");
        }
        return (int) out;
    }

    /**
     * Checks that an array of the given dimensions can exist: its element count fits an int, as DJL and
     * Java arrays need. A network read from a file may claim any sizes.
     *
     * @return the element count
     */
    private static long requireArraySize(String id, String what, long... dims) {
        long count = 1;
        for (long d : dims) {
            if (d > MAX_ARRAY_VALUES / count) {
                throw new InvalidNetworkException(id, what + " would have more than " + MAX_ARRAY_VALUES + " values");
            }
            count *= d;
        }
        return count;
    }
}
