package org.prunelab.runtime.model;

import java.util.Map;

import ai.djl.ndarray.NDArray;

/**
 * What one forward pass produced.
 *
 * @param logits the network's output, [batch, classes]
 * @param outputs the outputs of the tapped layers, by layer id
 * @param gradientProbes for each layer whose gradient was asked for, a zero array added to its output;
 *            after {@code backward(score)} its gradient is d score / d output of that layer
 */
public record ForwardPass(NDArray logits, Map<String, NDArray> outputs, Map<String, NDArray> gradientProbes) {

    /**
     * The gradient of the score with respect to a layer's output, once backward has run.
     *
     * @param layerId a layer whose gradient was asked for
     * @return the gradient, shaped like the layer's output
     * @throws IllegalArgumentException if no gradient was asked for that layer
     */
    public NDArray gradient(String layerId) {
        NDArray probe = gradientProbes.get(layerId);
        if (probe == null) {
            throw new IllegalArgumentException("no gradient was requested for layer '" + layerId + "'");
        }
        return probe.getGradient();
    }
}
