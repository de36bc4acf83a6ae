package org.prunelab.runtime.model;

import java.util.List;
import java.util.Map;

import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * The size and cost of a network, counted from its IR.
 * <p>
 * Conventions: parameters are the trained ones (weights, biases, batch-norm γ and β; not the running
 * statistics). A multiply-accumulate (MAC) is one multiplication and one addition; FLOPs = 2 × MACs, the
 * convention of the NetPrune case study (VGG-16-BN on CIFAR-10: 313 M MACs, 627 M FLOPs). Convolutions
 * and linear layers are counted; batch norm, activations, pooling and additions are not (they are below
 * 1 % in these networks).
 *
 * @param parameters trained parameters
 * @param macs multiply-accumulates of one forward pass of one sample
 */
public record Complexity(long parameters, long macs) {

    /**
     * The floating-point operations of one forward pass of one sample.
     *
     * @return 2 × {@link #macs()}
     */
    public long flops() {
        return 2 * macs;
    }

    /**
     * Counts a network.
     *
     * @param network a valid network
     * @return its parameters and MACs
     */
    public static Complexity of(Network network) {
        long parameters = 0;
        for (Map.Entry<String, ai.djl.ndarray.types.Shape> spec : ParameterSpecs.of(network).entrySet()) {
            if (ParameterSpecs.isTrainable(spec.getKey())) {
                parameters += spec.getValue().size();
            }
        }
        Map<String, List<Integer>> shapes = network.shapes();
        long macs = 0;
        for (Layer layer : network.layers()) {
            List<Integer> in = shapes.get(layer.inputs().get(0));
            List<Integer> out = shapes.get(layer.id());
            if (layer.op() instanceof Op.Conv2d c) {
                macs += (long) out.get(0) * out.get(1) * out.get(2) * (in.get(0) / c.groups()) * c.kernel() * c.kernel();
            } else if (layer.op() instanceof Op.Linear l) {
                macs += (long) in.get(0) * l.units();
            }
        }
        return new Complexity(parameters, macs);
    }
}
