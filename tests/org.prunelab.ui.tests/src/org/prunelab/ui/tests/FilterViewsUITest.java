package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterDetails;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterProvider;
import org.prunelab.core.filters.SparklineMatrix;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.graph.internal.ModelGraphView;
import org.prunelab.ui.internal.lineage.ExplorationTreeView;
import org.prunelab.ui.internal.performance.PerformanceView;
import org.prunelab.ui.sparklines.ClassPair;
import org.prunelab.ui.sparklines.FilterFocus;
import org.prunelab.ui.sparklines.internal.FilterActivationView;
import org.prunelab.ui.sparklines.internal.FilterDetailView;
import org.prunelab.ui.sparklines.internal.SparklineMatrixView;

/**
 * The filter activation view and the sparkline matrix on the demo's base model, with the demo's dataset
 * replaced by the committed Fashion-MNIST subset: what they compute, draw and prune.
 */
class FilterViewsUITest {

    private DemoCopy demo;
    private Path folder;
    private IProject project;

    @BeforeEach
    void copyTheDemo() throws Exception {
        demo = DemoCopy.of("filter-views-demo", List.of("base"));
        folder = demo.folder();
        project = demo.project();
    }

    @AfterEach
    void removeTheCopy() throws Exception {
        demo.close();
    }

    @Test
    void brushingSelectsFiltersTheMatrixDrawsAndPruningKeepsTheirUnion() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
        tree.show(project);
        assertTrue(UiEvents.waitUntil(() -> shows(tree), 30_000), "the tree shows base");
        ModelVersion base = tree.shownVersions().get(0);
        FilterActivationView filters = (FilterActivationView) page.showView(PruningPerspective.FILTER_ACTIVATION);
        SparklineMatrixView sparklines = (SparklineMatrixView) page.showView(PruningPerspective.SPARKLINE_MATRIX);
        filters.show(base, null);
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null, 60_000), "activations: " + filters.status());

        // the first convolution, ordered by NetPrune's CPD of T-shirt (0) against Trouser (1)
        FilterFocus focus = filters.focus();
        ClassActivations activations = focus.activations();
        assertEquals(firstConvolution(base), focus.layer());
        assertEquals(10, activations.classes());
        assertEquals("org.prunelab.metrics.cpd", focus.metric());
        double[] cpd = activations.difference(0, 1);
        int[] ranked = focus.order().ranked();
        for (int r = 1; r < ranked.length; r++) {
            assertTrue(cpd[ranked[r - 1]] >= cpd[ranked[r]], "CPD descends along x");
        }

        // the sparkline matrix: 10 × 10 cells, the best-separated pair on the most saturated background
        assertTrue(UiEvents.waitUntil(() -> sparklines.matrix() != null && sparklines.cells().length == 10, 10_000));
        sparklines.canvas().redraw();
        UiEvents.flush();
        Rectangle[][] cells = sparklines.cells();
        assertEquals(10, cells.length);
        for (Rectangle[] row : cells) {
            assertEquals(10, row.length);
        }
        SparklineMatrix matrix = sparklines.matrix();
        int bestA = 0;
        int bestB = 1;
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                if (matrix.alpha(a, b) > matrix.alpha(bestA, bestB)) {
                    bestA = a;
                    bestB = b;
                }
            }
        }
        ImageData pixels = ViewExport.capture(sparklines.canvas());
        RGB diagonal = pixel(pixels, cells[3][3]);
        RGB best = pixel(pixels, cells[bestA][bestB]);
        assertEquals(new RGB(255, 255, 255), diagonal, "diagonal cells have no background");
        assertTrue(best.red < 200 && best.blue > best.red, "the best-separated pair is blue: " + best);

        // brushing the first eight ranks selects the eight filters with the highest CPD
        filters.brush(0, 8);
        BitSet topEight = new BitSet();
        IntStream.of(ranked).limit(8).forEach(topEight::set);
        assertEquals(topEight, filters.focus().selection().union());
        int width = activations.filters();
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f %% kept (8 of %d)", 800.0 / width, width),
                filters.unionLabel());
        assertTrue(UiEvents.waitUntil(() -> sparklines.matrix().filters().length == 8, 10_000),
                "the matrix draws only the selection");

        // a second metric adds its own row; the union grows by what it adds
        filters.selectMetric("org.prunelab.metrics.weightL1");
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null
                && filters.focus().metric().equals("org.prunelab.metrics.weightL1"), 60_000), filters.status());
        filters.brush(0, 4);
        FilterFocus both = filters.focus();
        BitSet union = (BitSet) topEight.clone();
        union.or(both.selection().of("org.prunelab.metrics.weightL1"));
        assertEquals(4, both.selection().of("org.prunelab.metrics.weightL1").cardinality());
        assertEquals(union, both.selection().union());
        assertTrue(filters.unionLabel().contains("(" + union.cardinality() + " of " + width + ")"),
                filters.unionLabel());

        // the barcodes list the filters in the scatter's order, now L1's: CPD's eight filters are drawn where L1
        // ranks them, each bar under its filter's dots
        filters.barcodeCanvas().redraw();
        filters.scatterCanvas().redraw();
        UiEvents.flush();
        List<String> rows = filters.barcodeRows();
        int cpdRow = rows.indexOf("Class pairwise difference");
        assertTrue(cpdRow >= 0 && rows.size() == 2, rows.toString());
        ImageData bars = ViewExport.capture(filters.barcodeCanvas());
        int[] byL1 = both.order().ranked();
        assertTrue(IntStream.range(0, 8).anyMatch(r -> !topEight.get(byL1[r])),
                "L1 orders the filters otherwise than CPD: the test tells the orders apart");
        for (int r = 0; r < width; r++) {
            Rectangle bar = filters.barcodeBar(cpdRow, r);
            RGB drawn = bars.palette.getRGB(bars.getPixel(bar.x + bar.width / 2, bar.y + 3));
            assertEquals(topEight.get(byL1[r]), !drawn.equals(new RGB(255, 255, 255)), "rank " + (r + 1) + ", filter "
                    + byL1[r] + ": " + drawn);
            int x = filters.scatterX(r);
            assertTrue(x >= bar.x && x <= bar.x + bar.width, "rank " + (r + 1) + ": dots at " + x + ", bar " + bar);
        }
        Rectangle union0 = filters.barcodeBar(rows.size(), 0);
        assertTrue(union0.y > filters.barcodeBar(rows.size() - 1, 0).y, "the UNION row is the last");

        // a click on a sparkline cell sets the baseline and the class
        sparklines.select(new ClassPair(6, 0));
        assertTrue(UiEvents.waitUntil(() -> filters.focus().baseline() == 6 && filters.focus().compared() == 0, 5_000));

        // pruning to the selection adds a child that keeps exactly the union in that layer
        Job job = filters.pruneToSelection(0);
        assertNotNull(job);
        assertTrue(UiEvents.waitUntil(() -> job.getResult() != null, 120_000), "pruning did not finish");
        assertTrue(job.getResult().isOK(), job.getResult().toString());
        List<ModelVersion> versions = new VersionStore(folder).versions("small-vgg");
        assertEquals(2, versions.size());
        ModelVersion child = versions.stream().filter(v -> !v.id().equals("base")).findFirst().orElseThrow();
        assertEquals("base", child.parent());
        assertEquals("org.prunelab.strategies.keepSelection", child.recipe().strategy());
        Op.Conv2d pruned = (Op.Conv2d) NetworkJson.fromJson(Files.readString(child.directory().resolve(ModelFiles.NETWORK_FILE)))
                .layer(focus.layer()).orElseThrow().op();
        assertEquals(union.cardinality(), pruned.filters());
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 2, 30_000),
                "the tree shows the child: " + tree.shownVersions().size());
        assertTrue(UiEvents.waitUntil(() -> filters.status().startsWith("Added small-vgg/" + child.id()), 10_000),
                filters.status());
    }

    @Test
    void aVersionOrLayerSelectedInOneViewReachesTheOthers() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
        PerformanceView performance = (PerformanceView) page.showView(PerformanceView.ID);
        ModelGraphView graph = (ModelGraphView) page.showView(ModelGraphView.ID);
        FilterActivationView filters = (FilterActivationView) page.showView(PruningPerspective.FILTER_ACTIVATION);
        tree.show(project);
        assertTrue(UiEvents.waitUntil(() -> shows(tree), 30_000), "the tree shows base");
        ModelVersion base = tree.shownVersions().get(0);

        // a version selected in the tree: the performance view, the graph and the filter views show it
        page.activate(tree);
        tree.setSelection(new StructuredSelection(base));
        assertTrue(UiEvents.waitUntil(() -> performance.summary() != null
                && performance.summary().version().equals(base), 30_000), "the performance view shows base");
        assertTrue(UiEvents.waitUntil(() -> base.equals(graph.shownVersion()) && !graph.busy(), 30_000),
                graph.status());
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null && filters.focus().version().equals(base), 60_000),
                filters.status());
        List<String> convolutions = convolutions(base);
        assertEquals(convolutions.get(0), filters.focus().layer(), "the filter views start at the first convolution");

        // a convolution clicked in the graph becomes the filter views' layer
        page.activate(graph);
        assertTrue(graph.selectLayer(convolutions.get(2)));
        // (while the metric scores the new layer's filters, there is no focus)
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null
                && filters.focus().layer().equals(convolutions.get(2)), 30_000),
                "the filter view follows the graph: " + filters.status());

        // a layer picked in the filter view is highlighted in the graph, and the tree keeps marking its version
        page.activate(filters);
        filters.selectLayer(convolutions.get(1));
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null, 30_000), filters.status());
        assertTrue(UiEvents.waitUntil(() -> graph.boxes().stream()
                .anyMatch(box -> box.selected() && box.layer().equals(convolutions.get(1))), 10_000),
                "the graph follows the filter view");
        assertEquals(1, graph.boxes().stream().filter(ModelGraphView.Box::selected).count());
        assertEquals(new StructuredSelection(base), tree.getSelection());
        assertEquals(base, performance.summary().version());
    }

    @Test
    void theFilterDetailFollowsTheActivationViewAndItsTicksJoinTheSelection() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ModelVersion base = base(page);
        FilterActivationView filters = filtersOf(page, base);
        filters.brush(0, 4);
        BitSet brushed = filters.focus().selection().union();
        String layer = filters.focus().layer();

        // opened, it shows the activation view's layer, ranked by its metric, the brushed filters ticked
        FilterDetailView detail = (FilterDetailView) page.showView(PruningPerspective.FILTER_DETAIL);
        assertTrue(UiEvents.waitUntil(() -> detail.details() != null, 120_000), "the filter details are computed");
        FilterDetails details = detail.details();
        assertEquals(layer, details.layer());
        assertEquals(base, details.version());
        int width = filters.focus().activations().filters();
        assertEquals(width, details.filters());
        assertEquals(filters.focus().order().ranked()[0], FilterOrder.byImportance(
                details.scores().get("org.prunelab.metrics.cpd")).ranked()[0],
                "the same most discriminative filter for T-shirt against Trouser");
        int shown = detail.filter();
        assertEquals(1, details.rank("org.prunelab.metrics.cpd", shown), "it opens on the top-ranked filter");
        assertEquals(FilterProvider.TOP_IMAGES, details.top().get(shown).size());
        assertEquals(10, details.examples().length, "an example image per class");
        assertEquals(1, details.kernels().inputs(), "the first convolution sees the grey image");
        List<List<String>> rows = detail.scoreRows();
        assertTrue(rows.size() >= 11, "a row per installed metric: " + rows);
        assertTrue(rows.stream().anyMatch(row -> row.get(0).startsWith("Class pairwise difference")
                && row.get(2).startsWith("1 of " + width)), rows.toString());
        assertTrue(details.failures().isEmpty(), details.failures().toString());

        // ticking a filter keeps it in the activation view's selection, in a row of its own
        int other = IntStream.range(0, width).filter(f -> !brushed.get(f)).findFirst().orElseThrow();
        detail.keep(other, true);
        assertTrue(filters.focus().selection().union().get(other));
        assertEquals(brushed.cardinality() + 1, filters.focus().selection().union().cardinality());
        assertTrue(filters.unionLabel().contains("(" + (brushed.cardinality() + 1) + " of " + width + ")"),
                filters.unionLabel());
        // unticking a brushed one lets it go from every row
        int first = brushed.nextSetBit(0);
        detail.keep(first, false);
        assertTrue(!filters.focus().selection().union().get(first));
        // brushing in the activation view ticks the filters in the detail view's list
        filters.brush(0, 2);
        assertTrue(filters.focus().selection().union().get(other), "the picked filter stays kept");

        // a layer picked in the activation view is the detail view's next layer
        String next = convolutions(base).get(1);
        page.activate(filters);
        filters.selectLayer(next);
        assertTrue(UiEvents.waitUntil(() -> detail.details() != null && detail.details().layer().equals(next),
                120_000), "the detail view follows the layer");
        assertEquals(32, detail.details().kernels().inputs(), "conv2 sees conv1's 32 channels");
        page.hideView(detail);
    }

    @Test
    void pruningAndFineTuningOutlivesTheFilterView() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        ModelVersion base = base(page);
        ExplorationTreeView tree = (ExplorationTreeView) page.findView(ExplorationTreeView.ID);
        FilterActivationView filters = filtersOf(page, base);
        String layer = filters.focus().layer();
        filters.brush(0, 8);

        // the researcher starts pruning with a fine-tuning epoch, then closes the view
        Job job = filters.pruneToSelection(1);
        assertNotNull(job);
        assertTrue(job.isUser(), "the job reports in the Progress view");
        assertTrue(job.belongsTo(project), "the job belongs to its project");
        page.hideView(filters);
        assertTrue(UiEvents.waitUntil(() -> job.getResult() != null, 180_000), "pruning did not finish");
        assertTrue(job.getResult().isOK(), "closing the view stopped the job: " + job.getResult());

        List<ModelVersion> versions = new VersionStore(folder).versions("small-vgg");
        assertEquals(2, versions.size());
        ModelVersion child = versions.stream().filter(v -> !v.id().equals("base")).findFirst().orElseThrow();
        assertEquals(1, child.recipe().training().epochs(), "the child is fine-tuned for one epoch");
        Op.Conv2d pruned = (Op.Conv2d) NetworkJson.fromJson(Files.readString(child.directory().resolve(
                ModelFiles.NETWORK_FILE))).layer(layer).orElseThrow().op();
        assertEquals(8, pruned.filters());
        assertTrue(UiEvents.waitUntil(() -> tree.shownVersions().size() == 2, 30_000),
                "the tree shows the child: " + tree.shownVersions().size());
    }

    /** The base of this test's copy, once the exploration tree shows it. */
    private ModelVersion base(IWorkbenchPage page) throws Exception {
        ExplorationTreeView tree = (ExplorationTreeView) page.showView(ExplorationTreeView.ID);
        tree.show(project);
        assertTrue(UiEvents.waitUntil(() -> shows(tree), 30_000), "the tree shows base");
        return tree.shownVersions().get(0);
    }

    /** The filter activation view, once it shows a layer of the version. */
    private static FilterActivationView filtersOf(IWorkbenchPage page, ModelVersion version) throws Exception {
        FilterActivationView filters = (FilterActivationView) page.showView(PruningPerspective.FILTER_ACTIVATION);
        filters.show(version, null);
        assertTrue(UiEvents.waitUntil(() -> filters.focus() != null && filters.focus().version().equals(version),
                60_000), filters.status());
        return filters;
    }

    /** Whether the tree shows this test's copy of the demo, not the one of the test before. */
    private boolean shows(ExplorationTreeView tree) {
        List<ModelVersion> shown = tree.shownVersions();
        return shown.size() == 1 && shown.get(0).projectDirectory().equals(folder.toAbsolutePath().normalize());
    }

    private static List<String> convolutions(ModelVersion version) throws Exception {
        return NetworkJson.fromJson(Files.readString(version.directory().resolve(ModelFiles.NETWORK_FILE)))
                .layersOf(Op.Conv2d.class).stream().map(layer -> layer.id()).toList();
    }

    private static String firstConvolution(ModelVersion version) throws Exception {
        return convolutions(version).get(0);
    }

    /** The background of a cell, just inside its border where no sparkline passes. */
    private static RGB pixel(ImageData image, Rectangle cell) {
        return image.palette.getRGB(image.getPixel(cell.x + 2, cell.y + 2));
    }
}
