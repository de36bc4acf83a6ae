package org.prunelab.runtime.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

import ai.djl.ndarray.types.Shape;

/**
 * The parameters a network needs, named {@code <layer id>.<role>}, with their shapes.
 */
public final class ParameterSpecs {

    /** Role of a conv or linear layer's weight. */
    public static final String WEIGHT = "weight";
    /** Role of a conv or linear layer's bias. */
    public static final String BIAS = "bias";
    /** Role of a batch norm's scale. */
    public static final String GAMMA = "gamma";
    /** Role of a batch norm's shift. */
    public static final String BETA = "beta";
    /** Role of a batch norm's running mean (a statistic, not trained by gradient). */
    public static final String RUNNING_MEAN = "runningMean";
    /** Role of a batch norm's running variance (a statistic, not trained by gradient). */
    public static final String RUNNING_VAR = "runningVar";

    private ParameterSpecs() {
    }

    /**
     * Names and shapes of every parameter, in layer order.
     *
     * @param network a valid network
     * @return parameter name to shape
     */
    public static Map<String, Shape> of(Network network) {
        Map<String, List<Integer>> shapes = network.shapes();
        Map<String, Shape> specs = new LinkedHashMap<>();
        for (Layer layer : network.layers()) {
            List<Integer> in = shapes.get(layer.inputs().get(0));
            switch (layer.op()) {
                case Op.Conv2d c -> {
                    specs.put(name(layer, WEIGHT), new Shape(c.filters(), in.get(0) / c.groups(), c.kernel(), c.kernel()));
                    if (c.bias()) {
                        specs.put(name(layer, BIAS), new Shape(c.filters()));
                    }
                }
                case Op.BatchNorm2d b -> {
                    for (String role : List.of(GAMMA, BETA, RUNNING_MEAN, RUNNING_VAR)) {
                        specs.put(name(layer, role), new Shape(in.get(0)));
                    }
                }
                case Op.Linear l -> {
                    specs.put(name(layer, WEIGHT), new Shape(l.units(), in.get(0)));
                    if (l.bias()) {
                        specs.put(name(layer, BIAS), new Shape(l.units()));
                    }
                }
                default -> {
                    // no parameters
                }
            }
        }
        return specs;
    }

    /**
     * Whether a parameter is trained by gradient descent (batch-norm statistics are not).
     *
     * @param name a parameter name
     * @return false for running means and variances
     */
    public static boolean isTrainable(String name) {
        return !name.endsWith("." + RUNNING_MEAN) && !name.endsWith("." + RUNNING_VAR);
    }

    /**
     * The name of a layer's parameter.
     *
     * @param layer the layer
     * @param role its role, e.g. {@link #WEIGHT}
     * @return "{@code layer.role}"
     */
    public static String name(Layer layer, String role) {
        return layer.id() + "." + role;
    }
}
