package org.prunelab.core.metrics;

import java.util.List;

import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * What a metric scores: a model, the convolutions whose filters get scores, and the dataset's classes.
 *
 * @param model the model
 * @param layers ids of the convolutions to score, in network order
 * @param classNames the dataset's class names, by label
 */
public record ScoringContext(NetworkModel model, List<String> layers, List<String> classNames) {

    /** Copies the lists; checks that every layer is a convolution of the model. */
    public ScoringContext {
        layers = List.copyOf(layers);
        classNames = List.copyOf(classNames);
        for (String id : layers) {
            Layer layer = model.network().layer(id)
                    .orElseThrow(() -> new IllegalArgumentException("the model has no layer '" + id + "'"));
            if (!(layer.op() instanceof Op.Conv2d)) {
                throw new IllegalArgumentException("layer '" + id + "' is a " + layer.op().type() + ", not a conv2d");
            }
        }
    }

    /**
     * Every convolution of a model, in order.
     *
     * @param model the model
     * @param classNames the dataset's classes
     * @return a context scoring all convolutions
     */
    public static ScoringContext allConvolutions(NetworkModel model, List<String> classNames) {
        return new ScoringContext(model, model.network().layersOf(Op.Conv2d.class).stream().map(Layer::id).toList(),
                classNames);
    }

    /**
     * The layer whose output activation-based metrics observe for a convolution: the end of the chain of
     * batch norm and activation (ReLU, ReLU6, leaky ReLU, SiLU) that directly follows it (the activation
     * after the activation function), or the convolution itself.
     *
     * @param conv a convolution id
     * @return the observed layer's id
     */
    public String observedLayer(String conv) {
        Network network = model.network();
        String current = conv;
        while (true) {
            List<Layer> consumers = network.consumers(current);
            if (consumers.size() != 1 || !(consumers.get(0).op() instanceof Op.BatchNorm2d
                    || consumers.get(0).op() instanceof Op.Relu || consumers.get(0).op() instanceof Op.Relu6
                    || consumers.get(0).op() instanceof Op.LeakyRelu || consumers.get(0).op() instanceof Op.Silu)) {
                return current;
            }
            current = consumers.get(0).id();
        }
    }

    /**
     * The number of filters of a layer.
     *
     * @param conv a convolution id
     * @return its filter count
     */
    public int filters(String conv) {
        return ((Op.Conv2d) model.network().layer(conv).orElseThrow().op()).filters();
    }
}
