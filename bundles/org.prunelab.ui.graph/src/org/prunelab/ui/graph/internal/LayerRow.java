package org.prunelab.ui.graph.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.prunelab.runtime.model.ParameterSpecs;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * What the graph shows of one layer: its output shape, how many of its output channels (filters of a
 * convolution, units of a linear layer) are left of those of the same layer in the model's root version,
 * and its parameters.
 *
 * @param layer the layer
 * @param shape its output shape, without the batch axis
 * @param kept its output channels (the first axis of its shape)
 * @param original the output channels of the same layer in the root version, or -1 if unknown
 * @param parameters its trained parameters
 * @param originalParameters the trained parameters of the same layer in the root version, or -1 if unknown
 */
record LayerRow(Layer layer, List<Integer> shape, int kept, int original, long parameters, long originalParameters) {

    /** Copies the shape. */
    LayerRow {
        shape = List.copyOf(shape);
    }

    /**
     * The rows of a network.
     *
     * @param network a valid network
     * @param root the same model's root network, or null if it is not known
     * @return one row per layer, in execution order
     */
    static List<LayerRow> of(Network network, Network root) {
        Map<String, List<Integer>> shapes = network.shapes();
        Map<String, Long> parameters = parametersByLayer(network);
        Map<String, List<Integer>> rootShapes = root == null ? Map.of() : root.shapes();
        Map<String, Long> rootParameters = root == null ? Map.of() : parametersByLayer(root);
        List<LayerRow> rows = new ArrayList<>(network.layers().size());
        for (Layer layer : network.layers()) {
            List<Integer> shape = shapes.get(layer.id());
            List<Integer> rootShape = rootShapes.get(layer.id());
            rows.add(new LayerRow(layer, shape, shape.get(0), rootShape == null ? -1 : rootShape.get(0),
                    parameters.getOrDefault(layer.id(), 0L), rootShape == null ? -1
                            : rootParameters.getOrDefault(layer.id(), 0L)));
        }
        return rows;
    }

    private static Map<String, Long> parametersByLayer(Network network) {
        Map<String, Long> byLayer = new HashMap<>();
        // parameters are named <layer id>.<role>, and roles have no dot
        ParameterSpecs.of(network).forEach((name, shape) -> {
            if (ParameterSpecs.isTrainable(name)) {
                byLayer.merge(name.substring(0, name.lastIndexOf('.')), shape.size(), Long::sum);
            }
        });
        return byLayer;
    }

    /**
     * The layer's id.
     *
     * @return its name in the network
     */
    String name() {
        return layer.id();
    }

    /**
     * The operation's name.
     *
     * @return e.g. "conv2d"
     */
    String type() {
        return layer.op().type();
    }

    /**
     * Whether the layer has filters or units of its own that pruning removes: convolutions and linear layers.
     * The graph publishes these as the selected layer.
     *
     * @return true for conv2d and linear
     */
    boolean prunable() {
        return layer.op() instanceof Op.Conv2d || layer.op() instanceof Op.Linear;
    }

    /**
     * The share of the root's output channels that pruning removed.
     *
     * @return in [0, 1]; 0 when the root is unknown
     */
    double prunedShare() {
        if (original <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - (double) kept / original));
    }

    /**
     * The shape as people write it.
     *
     * @return e.g. "32 × 14 × 14"
     */
    String shapeText() {
        return shape.stream().map(String::valueOf).collect(Collectors.joining(" × "));
    }

    /**
     * The operation with its sizes.
     *
     * @return e.g. "conv2d 3×3 /2" or "maxpool2d 2×2"
     */
    String operationText() {
        return switch (layer.op()) {
            case Op.Conv2d c -> "conv2d " + c.kernel() + "×" + c.kernel() + (c.stride() == 1 ? "" : " /" + c.stride());
            case Op.MaxPool2d p -> "maxpool2d " + p.kernel() + "×" + p.kernel();
            case Op.AvgPool2d p -> "avgpool2d " + p.kernel() + "×" + p.kernel();
            case Op.Dropout d -> String.format(Locale.ROOT, "dropout %.2f", d.rate());
            default -> layer.op().type();
        };
    }

    /**
     * The lines the layer's box shows: the name and operation, the output shape, then for convolutions and
     * linear layers the kept filters or units and the parameters on lines of their own; other layers add
     * their parameters, if any, to the shape's line, so the many small layers take little height.
     *
     * @return the lines; the first is the title
     */
    List<String> lines() {
        List<String> lines = new ArrayList<>(4);
        lines.add(name() + "  ·  " + operationText());
        if (prunable()) {
            String unit = layer.op() instanceof Op.Conv2d ? "filters" : "units";
            lines.add(shapeText());
            lines.add(original < 0 ? kept + " " + unit + " (root unknown)"
                    : String.format(Locale.ROOT, "%d / %d %s kept", kept, original, unit));
            lines.add(parametersText());
        } else {
            lines.add(parameters > 0 ? shapeText() + "  ·  " + parametersText() : shapeText());
        }
        return lines;
    }

    private String parametersText() {
        return originalParameters < 0 || originalParameters == parameters
                ? String.format(Locale.ROOT, "%,d params", parameters)
                : String.format(Locale.ROOT, "%,d / %,d params", parameters, originalParameters);
    }

    /**
     * The layer as a row of the CSV export.
     *
     * @return name, type, output shape, kept, original (empty if unknown), params
     */
    List<String> csv() {
        return List.of(name(), type(), shape.stream().map(String::valueOf).collect(Collectors.joining("x")),
                String.valueOf(kept), original < 0 ? "" : String.valueOf(original), String.valueOf(parameters));
    }
}
