package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.graph.LayerGraph;
import org.prunelab.ui.graph.internal.ModelGraphView;

/**
 * The model graph view on the demo project: one box per layer, kept and original filters of a pruned
 * version against its recipe and root, the layer a click publishes, the whole-graph image, and clear
 * messages for broken versions.
 */
class ModelGraphViewUITest {

    private List<ModelVersion> versions;
    private ModelGraphView view;
    private Path scratch;

    @BeforeEach
    void openTheView() throws Exception {
        versions = new VersionStore(Path.of(System.getProperty("prunelab.demo"))).versions("small-vgg");
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (ModelGraphView) page.showView(PruningPerspective.MODEL_GRAPH);
        page.activate(view);
    }

    @AfterEach
    void removeTheScratchFolder() throws Exception {
        if (scratch != null) {
            try (Stream<Path> files = Files.walk(scratch)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private ModelVersion version(String id) {
        return versions.stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    private static Network network(ModelVersion version) throws Exception {
        return NetworkJson.fromJson(Files.readString(version.directory().resolve("network.json")));
    }

    private void showAndWait(ModelVersion version) {
        view.show(version);
        assertTrue(UiEvents.waitUntil(() -> !view.busy() && version.equals(view.shownVersion()), 30_000),
                "the graph of " + version.id() + " was not shown: " + view.status());
    }

    @Test
    void showsOneBoxPerLayerOfTheBaseVersion() throws Exception {
        ModelVersion base = version("base");
        Network network = network(base);
        showAndWait(base);

        assertEquals(base, view.rootVersion(), "a root is its own reference");
        List<ModelGraphView.Box> boxes = view.boxes();
        assertEquals(network.layers().size(), boxes.size());
        assertEquals(network.layers().size(), view.layout().nodes().size());
        assertEquals(network.layers().stream().map(l -> l.id()).toList(),
                boxes.stream().map(ModelGraphView.Box::layer).toList());
        long inputs = network.layers().stream().flatMap(l -> l.inputs().stream()).filter(i -> !i.equals("input"))
                .count();
        assertEquals(inputs, view.layout().edges().size());
        assertTrue(view.layout().shortcuts().isEmpty(), "a VGG has no residual paths");

        // nothing of the root is pruned: every box says so and has the scale's "0 %" colour
        Map<String, ModelGraphView.Box> byLayer = byLayer(boxes);
        ModelGraphView.Box conv1 = byLayer.get("conv1");
        assertEquals(32, conv1.kept());
        assertEquals(32, conv1.original());
        // 32 filters of 3 × 3 over one grey channel, no bias
        assertEquals(32 * 9, conv1.parameters());
        assertEquals(List.of("conv1  ·  conv2d 3×3", "32 × 28 × 28", "32 / 32 filters kept", "288 params"),
                conv1.lines());
        for (ModelGraphView.Box box : boxes) {
            assertEquals(0, box.prunedShare(), 1e-12, box.layer());
            assertEquals(boxes.get(0).fill(), box.fill(), box.layer());
        }
        assertTrue(view.status().startsWith("small-vgg/base — " + network.layers().size() + " layers"),
                view.status());
    }

    @Test
    void aPrunedVersionShowsKeptAgainstTheRootsFilters() throws Exception {
        ModelVersion pruned = version("v3");
        ModelVersion base = version("base");
        Recipe recipe = pruned.recipe();
        Network network = network(pruned);
        Network root = network(base);
        showAndWait(pruned);

        assertEquals(base, view.rootVersion());
        Map<String, ModelGraphView.Box> boxes = byLayer(view.boxes());
        assertEquals(network.layers().size(), boxes.size());
        for (var layer : network.layersOf(Op.Conv2d.class)) {
            ModelGraphView.Box box = boxes.get(layer.id());
            int kept = ((Op.Conv2d) layer.op()).filters();
            int original = ((Op.Conv2d) root.layer(layer.id()).orElseThrow().op()).filters();
            assertEquals(recipe.kept().get(layer.id()).intValue(), box.kept(), layer.id() + " kept, as in the recipe");
            assertEquals(kept, box.kept(), layer.id() + " kept, as in the network");
            assertEquals(original, box.original(), layer.id() + " original, as in the root");
            assertEquals(1 - (double) kept / original, box.prunedShare(), 1e-12);
            assertTrue(box.lines().contains(kept + " / " + original + " filters kept"), box.lines().toString());
        }
        // by hand: v3 keeps 4 of 32 filters of conv1 (4·1·9 = 36 of 288 weights) and 20 of 32 of conv2,
        // which now reads 4 channels (20·4·9 = 720 of 32·32·9 = 9,216)
        assertEquals(4, boxes.get("conv1").kept());
        assertEquals(0.875, boxes.get("conv1").prunedShare(), 1e-12);
        assertTrue(boxes.get("conv1").lines().contains("36 / 288 params"), boxes.get("conv1").lines().toString());
        assertTrue(boxes.get("conv2").lines().contains("720 / 9,216 params"), boxes.get("conv2").lines().toString());
        // the batch norm after conv1 lost the same channels: 2·4 of 2·32 parameters
        assertEquals(0.875, boxes.get("bn1").prunedShare(), 1e-12);
        assertEquals(List.of("bn1  ·  batchnorm2d", "4 × 28 × 28  ·  8 / 64 params"), boxes.get("bn1").lines());
        assertEquals(List.of("relu1  ·  relu", "4 × 28 × 28"), boxes.get("relu1").lines());
        // the classifier keeps its 10 classes
        assertEquals(10, boxes.get("fc").kept());
        assertEquals(10, boxes.get("fc").original());

        // the scale is sequential: more removed, darker fill
        double conv1Light = luminance(boxes.get("conv1").fill());
        double conv2Light = luminance(boxes.get("conv2").fill());
        double conv4Light = luminance(boxes.get("conv4").fill());
        assertTrue(conv1Light < conv2Light && conv2Light < conv4Light,
                conv1Light + " " + conv2Light + " " + conv4Light);

        // the CSV table: header, then a row per layer
        List<List<String>> table = view.table();
        assertEquals(List.of("name", "type", "output shape", "kept", "original", "params"), table.get(0));
        assertEquals(network.layers().size() + 1, table.size());
        assertEquals(List.of("conv1", "conv2d", "4x28x28", "4", "32", "36"), table.get(1));
    }

    @Test
    void clickingAConvolutionPublishesTheSelectedLayer() throws Exception {
        ModelVersion pruned = version("v3");
        showAndWait(pruned);
        view.fit();
        UiEvents.flush();

        List<Object> published = new ArrayList<>();
        ISelectionChangedListener listener = event -> published.add(
                ((IStructuredSelection) event.getSelection()).getFirstElement());
        view.getSite().getSelectionProvider().addSelectionChangedListener(listener);
        try {
            // a click on a ReLU selects nothing: only convolutions and linear layers have filters to show
            view.clickAt(inside("relu2"));
            assertTrue(published.isEmpty(), published.toString());

            view.clickAt(inside("conv2"));
            assertEquals(List.of(new SelectedLayer(pruned, "conv2")), published);
            assertEquals(new SelectedLayer(pruned, "conv2"),
                    ((IStructuredSelection) view.getSite().getSelectionProvider().getSelection()).getFirstElement());
            Map<String, ModelGraphView.Box> boxes = byLayer(view.boxes());
            assertTrue(boxes.get("conv2").selected());
            assertEquals(1, view.boxes().stream().filter(ModelGraphView.Box::selected).count());

            // zoomed in and scrolled to the classifier, the click still finds the box under the pointer
            double fitted = view.scale();
            view.zoomIn();
            view.zoomIn();
            assertEquals(fitted * 1.25 * 1.25, view.scale(), 1e-9);
            view.reveal("fc");
            UiEvents.flush();
            published.clear();
            view.clickAt(inside("fc"));
            assertEquals(List.of(new SelectedLayer(pruned, "fc")), published);
            assertTrue(byLayer(view.boxes()).get("fc").selected());
            assertTrue(!byLayer(view.boxes()).get("conv2").selected());
        } finally {
            view.getSite().getSelectionProvider().removeSelectionChangedListener(listener);
        }
    }

    @Test
    void theImageHoldsTheWholeGraph() throws Exception {
        ModelVersion pruned = version("v3");
        showAndWait(pruned);
        // zoomed in, the screen shows a part only; the image still holds every box at actual size
        view.zoomIn();
        view.zoomIn();
        UiEvents.flush();
        ImageData image = view.renderImage();
        LayerGraph layout = view.layout();
        assertTrue(image.width >= layout.width() && image.height > layout.height(),
                image.width + "×" + image.height + " for " + layout.width() + "×" + layout.height());

        // the boxes of conv1, bn1 and relu1 (87.5 % removed) are filled with their colour
        ModelGraphView.Box conv1 = byLayer(view.boxes()).get("conv1");
        double filled = 0;
        for (String layer : List.of("conv1", "bn1", "relu1")) {
            LayerGraph.Node node = layout.node(layer).orElseThrow();
            filled += node.width() * node.height();
        }
        int count = 0;
        int wanted = image.palette.getPixel(conv1.fill());
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                if (image.getPixel(x, y) == wanted) {
                    count++;
                }
            }
        }
        assertTrue(count > 0.6 * filled && count < filled, count + " pixels of the fill for " + filled);
    }

    @Test
    void aResNet56IsDrawnOnceAndOnlyZoomedAndScrolledAfterwards() throws Exception {
        scratch = Files.createTempDirectory("model-graph");
        Path folder = Files.createDirectories(scratch.resolve("models/resnet/base"));
        Network network = Architectures.resnet56(10);
        Files.writeString(folder.resolve("network.json"), NetworkJson.toJson(network));
        ModelVersion version = version("base", folder, null);
        view.show(version);
        assertTrue(UiEvents.waitUntil(() -> !view.busy() && version.equals(view.shownVersion()), 30_000),
                view.status());

        assertEquals(199, view.boxes().size());
        LayerGraph layout = view.layout();
        assertEquals(199, layout.nodes().size());
        // 27 blocks: 25 identity shortcuts of one edge, 2 projections of three
        assertEquals(25 + 2 * 3, layout.shortcuts().size());
        List<ModelGraphView.Box> boxes = view.boxes();

        view.fit();
        UiEvents.flush();
        assertTrue(view.scale() < 0.1, "a ResNet-56 is much taller than the view: " + view.scale());
        for (int i = 0; i < 10; i++) {
            view.zoomIn();
        }
        for (String layer : List.of("fc", "s2.b5.conv1", "stem.conv", "s3.b9.add")) {
            view.reveal(layer);
            UiEvents.flush();
            Point centre = view.centreOnCanvas(layer);
            assertTrue(view.canvas().getClientArea().contains(centre), layer + " was scrolled into view");
        }
        // zooming and scrolling reuse the layout and the figures: nothing is laid out again
        assertTrue(layout == view.layout(), "the layout object is the one the job made");
        assertEquals(boxes, view.boxes());
    }

    @Test
    void brokenOrMissingFilesAreSaidClearly() throws Exception {
        scratch = Files.createTempDirectory("model-graph");
        Path broken = Files.createDirectories(scratch.resolve("models/m/base"));
        Files.writeString(broken.resolve("network.json"), "{\"format\": 1, \"layers\": [");
        view.show(version("base", broken, null));
        assertTrue(UiEvents.waitUntil(() -> !view.busy(), 30_000));
        assertNull(view.shownVersion());
        assertTrue(view.status().contains("The network of m/base is broken"), view.status());
        assertTrue(view.status().contains("network.json"), view.status());

        Path missing = Files.createDirectories(scratch.resolve("models/m/empty"));
        view.show(version("empty", missing, null));
        assertTrue(UiEvents.waitUntil(() -> !view.busy(), 30_000));
        assertTrue(view.status().contains("m/empty has no network.json"), view.status());

        // a pruned version whose root is gone is still drawn, with its originals unknown
        Path orphan = Files.createDirectories(scratch.resolve("models/m/v1"));
        Files.copy(version("v3").directory().resolve("network.json"), orphan.resolve("network.json"));
        ModelVersion version = version("v1", orphan, "gone");
        view.show(version);
        assertTrue(UiEvents.waitUntil(() -> !view.busy() && version.equals(view.shownVersion()), 30_000),
                view.status());
        assertNull(view.rootVersion());
        assertTrue(view.status().contains("Cannot find the root of m/v1"), view.status());
        ModelGraphView.Box conv1 = byLayer(view.boxes()).get("conv1");
        assertEquals(4, conv1.kept());
        assertEquals(-1, conv1.original());
        assertTrue(conv1.lines().contains("4 filters (root unknown)"), conv1.lines().toString());
    }

    private Point inside(String layer) {
        Point at = view.centreOnCanvas(layer);
        assertNotNull(at, layer);
        Rectangle area = view.canvas().getClientArea();
        assertTrue(area.contains(at), layer + " at " + at + " is on screen " + area);
        return at;
    }

    private static ModelVersion version(String id, Path directory, String parent) {
        Recipe recipe = new Recipe(parent == null ? "trained" : "pruned", parent, null, null, null, null, null, 0, null,
                null, 0, Instant.parse("2026-01-01T00:00:00Z"));
        return new ModelVersion("m", id, directory, recipe, null);
    }

    private static Map<String, ModelGraphView.Box> byLayer(List<ModelGraphView.Box> boxes) {
        return boxes.stream().collect(Collectors.toMap(ModelGraphView.Box::layer, Function.identity()));
    }

    private static double luminance(RGB rgb) {
        return 0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue;
    }
}
