package org.prunelab.ui.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A network laid out as a graph: one box per layer and one routed edge per input of a layer, in the
 * coordinates of the whole drawing (y grows downwards).
 *
 * @param nodes one per layer of the network, in execution order
 * @param edges one per (producer, consumer) pair of layers, in the order of the consumers' inputs
 * @param width the drawing's width, padding included
 * @param height the drawing's height, padding included
 */
public record LayerGraph(List<Node> nodes, List<Edge> edges, double width, double height) {

    /** Copies the lists. */
    public LayerGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A point of the drawing.
     *
     * @param x distance from the left
     * @param y distance from the top
     */
    public record Point(double x, double y) {
    }

    /**
     * A layer's box.
     *
     * @param layer the layer's id in the network
     * @param x the left side
     * @param y the top side
     * @param width the width
     * @param height the height
     */
    public record Node(String layer, double x, double y, double width, double height) {

        /**
         * The bottom side.
         *
         * @return y + height
         */
        public double bottom() {
            return y + height;
        }

        /**
         * The right side.
         *
         * @return x + width
         */
        public double right() {
            return x + width;
        }

        /**
         * Whether two boxes share inner area (touching sides do not count).
         *
         * @param other another box
         * @return true if they overlap
         */
        public boolean overlaps(Node other) {
            return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
        }
    }

    /**
     * A connection from the layer that produces a tensor to a layer that reads it.
     *
     * @param source the producing layer's id
     * @param target the reading layer's id
     */
    public record Link(String source, String target) {
    }

    /**
     * A routed edge.
     *
     * @param link which layers it connects
     * @param points where it runs: the start on the source's box, the bends, the end on the target's box
     * @param shortcut whether it belongs to the shorter branch into an addition, the residual (skip) path
     */
    public record Edge(Link link, List<Point> points, boolean shortcut) {

        /** Copies the points. */
        public Edge {
            points = List.copyOf(points);
        }

        /**
         * The first point.
         *
         * @return where the edge leaves its source
         */
        public Point start() {
            return points.get(0);
        }

        /**
         * The last point.
         *
         * @return where the edge enters its target
         */
        public Point end() {
            return points.get(points.size() - 1);
        }
    }

    /**
     * The box of a layer.
     *
     * @param layer a layer id
     * @return its box, or empty if the network has no such layer
     */
    public Optional<Node> node(String layer) {
        return nodes.stream().filter(n -> n.layer().equals(layer)).findFirst();
    }

    /**
     * The boxes by layer id.
     *
     * @return an insertion-ordered map
     */
    public Map<String, Node> nodesByLayer() {
        Map<String, Node> byLayer = new LinkedHashMap<>();
        for (Node node : nodes) {
            byLayer.put(node.layer(), node);
        }
        return byLayer;
    }

    /**
     * The edges of residual paths.
     *
     * @return the edges whose {@link Edge#shortcut()} is set
     */
    public List<Edge> shortcuts() {
        return edges.stream().filter(Edge::shortcut).toList();
    }
}
