package org.prunelab.runtime.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.prunelab.runtime.network.Network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A network with its weights, which live in a manager of their own: closing the model frees them.
 */
public final class NetworkModel implements AutoCloseable {

    private final Network network;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;

    private NetworkModel(Network network, NDManager manager, Map<String, NDArray> parameters) {
        this.network = network;
        this.manager = manager;
        this.parameters = parameters;
    }

    /**
     * Wraps existing weights; checks that they are exactly the ones the network needs.
     *
     * @param network the network
     * @param manager the manager that owns the weights; the model closes it
     * @param parameters name to array, in any order
     * @return the model
     * @throws IllegalArgumentException naming a missing, extra or misshapen parameter
     */
    public static NetworkModel of(Network network, NDManager manager, Map<String, NDArray> parameters) {
        Map<String, Shape> specs = ParameterSpecs.of(network);
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> spec : specs.entrySet()) {
            NDArray array = parameters.get(spec.getKey());
            if (array == null) {
                throw new IllegalArgumentException("parameter '" + spec.getKey() + "' is missing");
            }
            if (!array.getShape().equals(spec.getValue())) {
                throw new IllegalArgumentException("parameter '" + spec.getKey() + "' has shape " + array.getShape()
                        + ", the network needs " + spec.getValue());
            }
            ordered.put(spec.getKey(), array);
        }
        for (String name : parameters.keySet()) {
            if (!specs.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' does not belong to network " + network.name());
            }
        }
        return new NetworkModel(network, manager, Collections.unmodifiableMap(ordered));
    }

    /**
     * A freshly initialised model: He-normal conv weights, PyTorch's uniform linear layers, batch norms
     * as identities. The same seed gives the same weights on any machine.
     *
     * @param network the network
     * @param parent the manager under which the model's own manager is created
     * @param seed the random seed
     * @return the model
     */
    public static NetworkModel initialize(Network network, NDManager parent, long seed) {
        NDManager manager = parent.newSubManager();
        SplittableRandom seeds = new SplittableRandom(seed);
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        Map<String, Shape> specs = ParameterSpecs.of(network);
        for (Map.Entry<String, Shape> spec : specs.entrySet()) {
            String name = spec.getKey();
            Shape shape = spec.getValue();
            Random random = new Random(seeds.nextLong());
            float[] values = new float[Math.toIntExact(shape.size())];
            if (name.endsWith("." + ParameterSpecs.GAMMA) || name.endsWith("." + ParameterSpecs.RUNNING_VAR)) {
                Arrays.fill(values, 1f);
            } else if (name.endsWith("." + ParameterSpecs.WEIGHT) && shape.dimension() == 4) {
                double std = Math.sqrt(2.0 / (shape.get(1) * shape.get(2) * shape.get(3)));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            } else if (name.endsWith("." + ParameterSpecs.WEIGHT) || isLinearBias(specs, name)) {
                long fanIn = name.endsWith("." + ParameterSpecs.WEIGHT) ? shape.get(1) : weightShape(specs, name).get(1);
                double bound = 1 / Math.sqrt(fanIn);
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
                }
            }
            NDArray array = manager.create(values, shape);
            array.setName(name);
            parameters.put(name, array);
        }
        return new NetworkModel(network, manager, Collections.unmodifiableMap(parameters));
    }

    private static boolean isLinearBias(Map<String, Shape> specs, String name) {
        return name.endsWith("." + ParameterSpecs.BIAS) && weightShape(specs, name).dimension() == 2;
    }

    private static Shape weightShape(Map<String, Shape> specs, String biasName) {
        String layer = biasName.substring(0, biasName.length() - ParameterSpecs.BIAS.length() - 1);
        return specs.get(layer + "." + ParameterSpecs.WEIGHT);
    }

    /**
     * The network.
     *
     * @return the network these weights belong to
     */
    public Network network() {
        return network;
    }

    /**
     * The manager owning the weights: arrays attached to it live as long as the model.
     *
     * @return the model's manager
     */
    public NDManager manager() {
        return manager;
    }

    /**
     * Every parameter, in layer order.
     *
     * @return name to array; unmodifiable
     */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * One parameter.
     *
     * @param name e.g. "conv1.weight"
     * @return the array
     * @throws IllegalArgumentException if the network has no such parameter
     */
    public NDArray parameter(String name) {
        NDArray array = parameters.get(name);
        if (array == null) {
            throw new IllegalArgumentException("network " + network.name() + " has no parameter '" + name + "'");
        }
        return array;
    }

    @Override
    public void close() {
        manager.close();
    }
}
