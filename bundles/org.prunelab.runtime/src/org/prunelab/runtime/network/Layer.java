package org.prunelab.runtime.network;

import java.util.List;
import java.util.Objects;

/**
 * One node of a network: an operation applied to the outputs of earlier nodes.
 *
 * @param id unique name within the network, also the prefix of its parameters ("conv1.weight")
 * @param op what the layer computes
 * @param inputs ids of the layers it reads, or {@link Network#INPUT} for the network's input
 */
public record Layer(String id, Op op, List<String> inputs) {

    /** Checks that id, op and inputs are given. */
    public Layer {
        Objects.requireNonNull(op, "op");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a layer needs an id");
        }
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    }

    /**
     * A layer with one input.
     *
     * @param id the layer's id
     * @param op its operation
     * @param input the id of the layer it reads
     * @return the layer
     */
    public static Layer of(String id, Op op, String input) {
        return new Layer(id, op, List.of(input));
    }
}
