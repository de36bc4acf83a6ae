package org.prunelab.ui.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.elk.alg.layered.options.CrossingMinimizationStrategy;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;

/**
 * Lays a network out as a {@link LayerGraph} with ELK layered, top to bottom: one node per layer, one edge
 * per layer input, residual paths marked. Plain Java: it needs neither a window nor ELK's extension
 * points, and is deterministic (ELK's fixed random seed).
 */
public final class LayerGraphLayout {

    /** Space between neighbouring boxes of one rank. */
    public static final double NODE_SPACING = 28;

    /** Space between ranks, where the edges run. */
    public static final double RANK_SPACING = 22;

    /** Space around the drawing. */
    public static final double PADDING = 16;

    private LayerGraphLayout() {
    }

    /**
     * The size a layer's box needs.
     *
     * @param width the box's width
     * @param height the box's height
     */
    public record Size(double width, double height) {

        /** Checks that the box has an area. */
        public Size {
            if (!(width > 0) || !(height > 0)) {
                throw new IllegalArgumentException("a box needs a positive size, not " + width + " × " + height);
            }
        }
    }

    /**
     * Lays a network out.
     *
     * @param network a valid network
     * @param sizes the size of each layer's box, e.g. from the text it shows
     * @param monitor progress and cancellation; may be null
     * @return the boxes and routed edges
     * @throws OperationCanceledException if the monitor was cancelled
     */
    public static LayerGraph layout(Network network, Function<Layer, Size> sizes, IProgressMonitor monitor) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sizes, "sizes");
        SubMonitor sub = SubMonitor.convert(monitor, "Laying out " + network.name(), 10);
        Set<LayerGraph.Link> shortcuts = shortcuts(network);
        ElkNode root = ElkGraphUtil.createGraph();
        configure(root);
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        for (Layer layer : network.layers()) {
            Size size = sizes.apply(layer);
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(layer.id());
            node.setDimensions(size.width(), size.height());
            nodes.put(layer.id(), node);
        }
        List<LayerGraph.Link> links = links(network);
        List<ElkEdge> edges = new ArrayList<>(links.size());
        for (LayerGraph.Link link : links) {
            edges.add(ElkGraphUtil.createSimpleEdge(nodes.get(link.source()), nodes.get(link.target())));
        }
        sub.worked(1);
        sub.checkCanceled();

        SubMonitor elk = sub.split(8);
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return elk.isCanceled();
            }
        });
        sub.checkCanceled();

        List<LayerGraph.Node> boxes = new ArrayList<>(nodes.size());
        for (ElkNode node : nodes.values()) {
            boxes.add(new LayerGraph.Node(node.getIdentifier(), node.getX(), node.getY(), node.getWidth(),
                    node.getHeight()));
        }
        List<LayerGraph.Edge> routed = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            LayerGraph.Link link = links.get(i);
            routed.add(new LayerGraph.Edge(link, points(edges.get(i), nodes.get(link.source()),
                    nodes.get(link.target())), shortcuts.contains(link)));
        }
        sub.worked(1);
        return new LayerGraph(boxes, routed, root.getWidth(), root.getHeight());
    }

    private static void configure(ElkNode root) {
        registerLayered();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(LayeredOptions.DIRECTION, Direction.DOWN);
        root.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, NODE_SPACING);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, RANK_SPACING);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE, 10.0);
        root.setProperty(LayeredOptions.PADDING, new ElkPadding(PADDING));
        // the main path keeps the order of the network, so the shortcuts of a ResNet all run on one side
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        root.setProperty(LayeredOptions.CROSSING_MINIMIZATION_STRATEGY, CrossingMinimizationStrategy.LAYER_SWEEP);
        // network simplex keeps a long chain on one vertical line instead of letting it drift
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.NETWORK_SIMPLEX);
    }

    /**
     * Makes ELK layered known to ELK's meta data: in OSGi, ELK's service loader cannot see the algorithm's
     * bundle, and the extension-point based registry is not installed.
     */
    private static synchronized void registerLayered() {
        LayoutMetaDataService service = LayoutMetaDataService.getInstance();
        if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null) {
            service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        }
    }

    private static List<LayerGraph.Point> points(ElkEdge edge, ElkNode source, ElkNode target) {
        List<LayerGraph.Point> points = new ArrayList<>();
        if (edge.getSections().isEmpty()) {
            // ELK routes every edge of a layered graph; the straight line only guards against a surprise
            points.add(new LayerGraph.Point(source.getX() + source.getWidth() / 2, source.getY() + source.getHeight()));
            points.add(new LayerGraph.Point(target.getX() + target.getWidth() / 2, target.getY()));
            return points;
        }
        ElkEdgeSection section = edge.getSections().get(0);
        points.add(new LayerGraph.Point(section.getStartX(), section.getStartY()));
        for (ElkBendPoint bend : section.getBendPoints()) {
            points.add(new LayerGraph.Point(bend.getX(), bend.getY()));
        }
        points.add(new LayerGraph.Point(section.getEndX(), section.getEndY()));
        return points;
    }

    /**
     * The connections between layers: one per input of each layer that is not the network's input.
     *
     * @param network a network
     * @return the links, in layer order and then input order
     */
    public static List<LayerGraph.Link> links(Network network) {
        List<LayerGraph.Link> links = new ArrayList<>();
        for (Layer layer : network.layers()) {
            for (String input : layer.inputs()) {
                if (!input.equals(Network.INPUT)) {
                    links.add(new LayerGraph.Link(input, layer.id()));
                }
            }
        }
        return links;
    }

    /**
     * The links of residual paths. For every addition, the input branch that reaches the point where the
     * branches fork in the most steps is the main path; every other branch, from the fork to the
     * addition, is a shortcut: the single edge of an identity shortcut, or the 1×1 convolution and batch
     * norm of a projection shortcut with their three edges.
     *
     * @param network a network
     * @return the shortcut links
     */
    public static Set<LayerGraph.Link> shortcuts(Network network) {
        Map<String, Layer> byId = new HashMap<>();
        for (Layer layer : network.layers()) {
            byId.put(layer.id(), layer);
        }
        Map<String, Integer> depth = depths(network);
        Set<LayerGraph.Link> shortcuts = new HashSet<>();
        for (Layer layer : network.layers()) {
            if (!(layer.op() instanceof Op.Add) || layer.inputs().size() < 2) {
                continue;
            }
            String main = layer.inputs().stream().max(Comparator.comparingInt(depth::get)).orElseThrow();
            Map<String, Integer> mainDistances = ancestors(main, byId, null);
            boolean mainSeen = false;
            for (String input : layer.inputs()) {
                if (input.equals(main) && !mainSeen) {
                    mainSeen = true;
                    continue;
                }
                Map<String, String> towards = new HashMap<>();
                Map<String, Integer> distances = ancestors(input, byId, towards);
                String fork = null;
                int best = Integer.MAX_VALUE;
                for (Map.Entry<String, Integer> entry : distances.entrySet()) {
                    Integer other = mainDistances.get(entry.getKey());
                    if (other != null && other + entry.getValue() < best) {
                        best = other + entry.getValue();
                        fork = entry.getKey();
                    }
                }
                shortcuts.add(new LayerGraph.Link(input, layer.id()));
                // walk from the fork down the branch to this input
                for (String at = fork; at != null && !at.equals(input); at = towards.get(at)) {
                    String next = towards.get(at);
                    if (next != null && !at.equals(Network.INPUT)) {
                        shortcuts.add(new LayerGraph.Link(at, next));
                    }
                }
            }
        }
        return shortcuts;
    }

    /** The length of the longest path from the network's input to each layer. */
    private static Map<String, Integer> depths(Network network) {
        Map<String, Integer> depth = new HashMap<>();
        depth.put(Network.INPUT, 0);
        for (Layer layer : network.layers()) {
            int d = 0;
            for (String input : layer.inputs()) {
                d = Math.max(d, depth.getOrDefault(input, 0) + 1);
            }
            depth.put(layer.id(), d);
        }
        return depth;
    }

    /**
     * The layers a layer reads, directly or not, with their distances in steps (the layer itself at 0,
     * the network's input included). Where towards is given, it receives for each ancestor the next layer
     * on a shortest path back to the start.
     */
    private static Map<String, Integer> ancestors(String start, Map<String, Layer> byId, Map<String, String> towards) {
        Map<String, Integer> distances = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        distances.put(start, 0);
        queue.add(start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            Layer layer = byId.get(at);
            if (layer == null) {
                continue;
            }
            for (String input : layer.inputs()) {
                if (!distances.containsKey(input)) {
                    distances.put(input, distances.get(at) + 1);
                    if (towards != null) {
                        towards.put(input, at);
                    }
                    queue.add(input);
                }
            }
        }
        return distances;
    }
}
