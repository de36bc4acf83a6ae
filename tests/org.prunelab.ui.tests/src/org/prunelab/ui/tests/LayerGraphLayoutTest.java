package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.graph.LayerGraph;
import org.prunelab.ui.graph.LayerGraphLayout;

/**
 * The model graph's layout without a window: ResNet-20 and VGG-16-BN laid out top to bottom by ELK.
 */
class LayerGraphLayoutTest {

    /** Convolutions get taller boxes, as in the view, so the ranks are of mixed heights. */
    private static LayerGraph layout(Network network) {
        return LayerGraphLayout.layout(network, layer -> new LayerGraphLayout.Size(170,
                layer.op() instanceof Op.Conv2d ? 66 : 36), null);
    }

    @Test
    void resnet20HasOneBoxPerLayerEveryEdgeGoingDownAndNoOverlaps() {
        Network network = Architectures.resnet20(10);
        LayerGraph graph = layout(network);

        // 3 stem layers, 9 blocks of 7, 2 projection shortcuts of 2, pool, flatten, fc
        assertEquals(73, network.layers().size());
        assertEquals(network.layers().size(), graph.nodes().size());
        assertEquals(network.layers().stream().map(l -> l.id()).toList(),
                graph.nodes().stream().map(LayerGraph.Node::layer).toList());
        // every layer reads one tensor, the 9 additions two, and the stem reads the input (no node)
        assertEquals(73 + 9 - 1, graph.edges().size());

        Map<String, LayerGraph.Node> nodes = graph.nodesByLayer();
        for (LayerGraph.Edge edge : graph.edges()) {
            LayerGraph.Node source = nodes.get(edge.link().source());
            LayerGraph.Node target = nodes.get(edge.link().target());
            assertTrue(source.bottom() <= target.y(), edge + " runs downwards from box to box");
            assertEquals(source.bottom(), edge.start().y(), 0.5, edge + " leaves its source's bottom");
            assertEquals(target.y(), edge.end().y(), 0.5, edge + " enters its target's top");
            for (int i = 1; i < edge.points().size(); i++) {
                LayerGraph.Point a = edge.points().get(i - 1);
                LayerGraph.Point b = edge.points().get(i);
                assertTrue(b.y() >= a.y() - 1e-9, edge + " never climbs");
                assertTrue(a.x() == b.x() || a.y() == b.y(), edge + " is routed orthogonally");
            }
        }
        List<LayerGraph.Node> all = graph.nodes();
        for (int i = 0; i < all.size(); i++) {
            LayerGraph.Node a = all.get(i);
            assertTrue(a.x() >= 0 && a.y() >= 0 && a.right() <= graph.width() && a.bottom() <= graph.height(),
                    a + " lies inside the drawing");
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(a.overlaps(all.get(j)), a + " overlaps " + all.get(j));
            }
        }
    }

    @Test
    void resnet20MarksItsResidualPaths() {
        LayerGraph graph = layout(Architectures.resnet20(10));
        Set<String> shortcuts = graph.shortcuts().stream().map(e -> e.link().source() + "->" + e.link().target())
                .collect(Collectors.toSet());
        // 7 identity shortcuts of one edge; the two projection shortcuts run through a 1×1 conv and a BN
        assertEquals(7 + 2 * 3, shortcuts.size(), shortcuts.toString());
        assertTrue(shortcuts.contains("stem.relu->s1.b1.add"));
        assertTrue(shortcuts.contains("s1.b1.relu2->s1.b2.add"));
        assertTrue(shortcuts.contains("s1.b3.relu2->s2.b1.down.conv"));
        assertTrue(shortcuts.contains("s2.b1.down.conv->s2.b1.down.bn"));
        assertTrue(shortcuts.contains("s2.b1.down.bn->s2.b1.add"));
        assertFalse(shortcuts.contains("s2.b1.bn2->s2.b1.add"), "the main branch is not a shortcut");
        assertFalse(shortcuts.contains("s1.b3.relu2->s2.b1.conv1"), "the main branch is not a shortcut");
        // every addition has exactly one shortcut coming in
        Map<String, Long> into = graph.shortcuts().stream().filter(e -> e.link().target().endsWith(".add"))
                .collect(Collectors.groupingBy(e -> e.link().target(), Collectors.counting()));
        assertEquals(9, into.size());
        assertTrue(into.values().stream().allMatch(c -> c == 1), into.toString());
    }

    @Test
    void vgg16HasNoShortcutsAndTheSameLayoutEveryTime() {
        Network network = Architectures.vgg16Bn(1, 10);
        LayerGraph first = layout(network);
        assertEquals(46, first.nodes().size());
        assertEquals(45, first.edges().size());
        assertTrue(first.shortcuts().isEmpty());
        assertEquals(first, layout(network), "ELK layered with a fixed seed is deterministic");
        // a chain is one column: every box has the same centre
        Set<Double> centres = first.nodes().stream().map(n -> n.x() + n.width() / 2).collect(Collectors.toSet());
        assertEquals(1, centres.size(), centres.toString());
    }
}
