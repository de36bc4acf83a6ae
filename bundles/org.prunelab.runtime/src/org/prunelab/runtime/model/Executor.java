package org.prunelab.runtime.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * Runs a {@link NetworkModel} on a batch, layer by layer, with DJL's functional operators: any layer's
 * output can be kept, and any layer's gradient captured.
 * <p>
 * Results are attached to the input's manager: run each batch in a sub-manager and close it.
 */
public final class Executor {

    private Executor() {
    }

    /**
     * The logits of a batch.
     *
     * @param model the model
     * @param input [batch, channels, height, width]
     * @param training true to use batch statistics (and update the running ones) and dropout
     * @return [batch, classes]
     * @throws IllegalArgumentException if the input's shape is not the network's
     */
    public static NDArray logits(NetworkModel model, NDArray input, boolean training) {
        return run(model, input, training, Set.of(), Set.of()).logits();
    }

    /**
     * Runs a batch, keeping the outputs of some layers and preparing gradients for others.
     * <p>
     * For each layer in {@code gradientTaps} a zero array that requires a gradient is added to the
     * layer's output: the result is unchanged, and inside a gradient collector the zero array's gradient
     * is the gradient with respect to the layer's output. (Asking an intermediate array itself for its
     * gradient yields zeros once the parameters require gradients.)
     *
     * @param model the model
     * @param input [batch, channels, height, width]
     * @param training true to use batch statistics (and update the running ones) and dropout
     * @param taps ids of layers whose outputs are returned ({@link Network#INPUT} for the input)
     * @param gradientTaps ids of layers whose gradients are prepared ({@link Network#INPUT} for the input)
     * @return the logits, the tapped outputs and the gradient probes
     * @throws IllegalArgumentException if the input's shape is not the network's, or a tap names no layer
     */
    public static ForwardPass run(NetworkModel model, NDArray input, boolean training, Set<String> taps,
            Set<String> gradientTaps) {
        return run(model, input, training ? Mode.TRAINING : Mode.INFERENCE, taps, gradientTaps);
    }

    /**
     * Runs a batch to re-estimate running statistics: every batch norm normalises by the batch's own
     * statistics, as in training, and folds the batch's mean and unbiased variance into its running ones
     * with the weight given instead of the IR's momentum, {@code running = (1 − weight) · running + weight ·
     * batch} (PyTorch's exponential average factor: 1/k for the k-th batch makes a cumulative average).
     * Dropout is off, as in inference, so that the statistics are those of the activations inference sees.
     *
     * @param model the model; its running statistics change
     * @param input [batch, channels, height, width]
     * @param weight the batch's weight in the running statistics, in [0, 1]
     * @return the logits
     * @throws IllegalArgumentException if the input's shape is not the network's
     */
    public static NDArray foldBatchStatistics(NetworkModel model, NDArray input, double weight) {
        return run(model, input, new Mode(true, false, weight), Set.of(), Set.of()).logits();
    }

    /**
     * How a pass treats batch norms and dropout.
     *
     * @param batchStatistics whether batch norms normalise by the batch's statistics (and update the running
     *            ones)
     * @param dropout whether dropout drops
     * @param batchWeight the weight of the batch in the running statistics, or null for the IR's momentum
     */
    private record Mode(boolean batchStatistics, boolean dropout, Double batchWeight) {
        static final Mode INFERENCE = new Mode(false, false, null);
        static final Mode TRAINING = new Mode(true, true, null);
    }

    private static ForwardPass run(NetworkModel model, NDArray input, Mode mode, Set<String> taps,
            Set<String> gradientTaps) {
        List<Integer> expected = model.network().inputShape();
        Shape shape = input.getShape();
        if (shape.dimension() != 4 || shape.get(1) != expected.get(0) || shape.get(2) != expected.get(1)
                || shape.get(3) != expected.get(2)) {
            throw new IllegalArgumentException("network " + model.network().name() + " takes images of shape "
                    + expected + " (channels, height, width) in batches; got an input of shape " + shape);
        }
        for (String tap : union(taps, gradientTaps)) {
            if (!tap.equals(Network.INPUT) && model.network().layer(tap).isEmpty()) {
                throw new IllegalArgumentException("network " + model.network().name() + " has no layer '" + tap + "'");
            }
        }
        Map<String, NDArray> values = new HashMap<>();
        Map<String, NDArray> outputs = new LinkedHashMap<>();
        Map<String, NDArray> probes = new LinkedHashMap<>();
        NDArray last = keep(Network.INPUT, input, taps, gradientTaps, outputs, probes);
        values.put(Network.INPUT, last);
        for (Layer layer : model.network().layers()) {
            last = keep(layer.id(), apply(model, layer, values, mode), taps, gradientTaps, outputs, probes);
            values.put(layer.id(), last);
        }
        return new ForwardPass(last, outputs, probes);
    }

    /**
     * Computes some layers' outputs from others already known, in inference mode, running only the layers
     * in between: a network's prefix once, then its suffix from the prefix's outputs as often as needed
     * (a pruned network whose first layers are the unpruned one's reuses their outputs).
     *
     * @param model the model
     * @param known layer ids ({@link Network#INPUT} for the input) to their outputs on one batch
     * @param wanted ids of the layers whose outputs are returned
     * @return each wanted layer's output (a known one as given), in the order asked
     * @throws IllegalArgumentException if a wanted layer names no layer or needs an output that is not known
     */
    public static Map<String, NDArray> resume(NetworkModel model, Map<String, NDArray> known, List<String> wanted) {
        Network network = model.network();
        Set<String> needed = new HashSet<>();
        List<String> open = new ArrayList<>(wanted);
        while (!open.isEmpty()) {
            String id = open.remove(open.size() - 1);
            if (known.containsKey(id) || !needed.add(id)) {
                continue;
            }
            Layer layer = network.layer(id).orElseThrow(() -> new IllegalArgumentException(id.equals(Network.INPUT)
                    ? "network " + network.name() + ": the layers asked for need the input, which is not given"
                    : "network " + network.name() + " has no layer '" + id + "'"));
            open.addAll(layer.inputs());
        }
        Map<String, NDArray> values = new HashMap<>(known);
        for (Layer layer : network.layers()) {
            if (needed.contains(layer.id())) {
                values.put(layer.id(), apply(model, layer, values, Mode.INFERENCE));
            }
        }
        Map<String, NDArray> out = new LinkedHashMap<>();
        wanted.forEach(id -> out.put(id, values.get(id)));
        return out;
    }

    private static NDArray keep(String id, NDArray out, Set<String> taps, Set<String> gradientTaps,
            Map<String, NDArray> outputs, Map<String, NDArray> probes) {
        NDArray result = out;
        if (gradientTaps.contains(id)) {
            NDArray probe = out.getManager().zeros(out.getShape(), out.getDataType());
            probe.setRequiresGradient(true);
            probes.put(id, probe);
            result = out.add(probe);
        }
        if (taps.contains(id)) {
            outputs.put(id, result);
        }
        return result;
    }

    private static NDArray apply(NetworkModel model, Layer layer, Map<String, NDArray> values, Mode mode) {
        NDArray x = values.get(layer.inputs().get(0));
        String p = layer.id() + ".";
        return switch (layer.op()) {
            case Op.Conv2d c -> Conv2d.conv2d(x, model.parameter(p + ParameterSpecs.WEIGHT),
                    c.bias() ? model.parameter(p + ParameterSpecs.BIAS) : null, new Shape(c.stride(), c.stride()),
                    new Shape(c.padding(), c.padding()), new Shape(1, 1), c.groups()).singletonOrThrow();
            case Op.BatchNorm2d b -> BatchNorm.batchNorm(x, model.parameter(p + ParameterSpecs.RUNNING_MEAN),
                    model.parameter(p + ParameterSpecs.RUNNING_VAR), model.parameter(p + ParameterSpecs.GAMMA),
                    model.parameter(p + ParameterSpecs.BETA), 1,
                    // DJL passes 1 - momentum to libtorch; the IR keeps PyTorch's convention
                    (float) (1 - (mode.batchWeight() == null ? b.momentum() : mode.batchWeight())),
                    (float) b.epsilon(), mode.batchStatistics()).singletonOrThrow();
            case Op.Relu r -> Activation.relu(x);
            case Op.Relu6 r -> x.clip(0, 6);
            case Op.LeakyRelu l -> Activation.leakyRelu(x, (float) l.slope());
            case Op.Silu s -> x.mul(Activation.sigmoid(x));
            case Op.Sigmoid s -> Activation.sigmoid(x);
            case Op.MaxPool2d m -> Pool.maxPool2d(x, new Shape(m.kernel(), m.kernel()),
                    new Shape(m.stride(), m.stride()), new Shape(0, 0), false);
            case Op.AvgPool2d a -> Pool.avgPool2d(x, new Shape(a.kernel(), a.kernel()),
                    new Shape(a.stride(), a.stride()), new Shape(0, 0), false, true);
            case Op.GlobalAvgPool g -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1);
            case Op.Flatten f -> x.reshape(x.getShape().get(0), -1);
            case Op.Linear l -> Linear.linear(x, model.parameter(p + ParameterSpecs.WEIGHT),
                    l.bias() ? model.parameter(p + ParameterSpecs.BIAS) : null).singletonOrThrow();
            case Op.Dropout d -> mode.dropout() ? Dropout.dropout(x, (float) d.rate(), true).singletonOrThrow() : x;
            case Op.Add a -> {
                NDArray sum = x;
                for (String input : layer.inputs().subList(1, layer.inputs().size())) {
                    sum = sum.add(values.get(input));
                }
                yield sum;
            }
            case Op.Concat c -> NDArrays.concat(new NDList(layer.inputs().stream().map(values::get).toList()), 1);
        };
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
