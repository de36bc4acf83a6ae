package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.analyses.FragileSamplesAnalysis;
import org.prunelab.analyses.GeometryAnalysis;
import org.prunelab.analyses.RobustnessAnalysis;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.corruptions.CorruptionRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.robustness.internal.FragileSamplesView;
import org.prunelab.ui.robustness.internal.GeometryView;
import org.prunelab.ui.robustness.internal.RobustnessView;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

/**
 * The three Robustness Lottery views on the demo's base and v4, with the committed Fashion-MNIST subset
 * (500 test images): what they show is what the analyses stored, a cell of the robustness table opens its
 * samples, and a sample picked among them is ringed in the Geometry view.
 */
class RobustnessLotteryViewsUITest {

    private DemoCopy demo;
    private Path folder;

    @BeforeEach
    void copyTheDemo() throws Exception {
        demo = DemoCopy.of("robustness-demo", List.of("base", "v4"));
        folder = demo.folder();
    }

    @AfterEach
    void removeTheCopy() throws Exception {
        demo.close();
    }

    @Test
    void theViewsShowTheStoredAnalysesAndFollowOneAnother() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        VersionStore store = new VersionStore(folder);
        ModelVersion base = store.version("small-vgg", "base");
        ModelVersion v4 = store.version("small-vgg", "v4");
        DatasetSpec data = ProjectFolder.open(folder).descriptor().dataset();
        RobustnessLotteryProvider provider = new RobustnessLotteryProvider(VersionJob.runtime(),
                Services.find(AnalysisRegistry.class).orElseThrow());

        // Geometry: v4 beside its root, on the same axes, each sample as stored
        GeometryView geometry = (GeometryView) page.showView(GeometryView.ID);
        geometry.show(v4);
        assertTrue(UiEvents.waitUntil(() -> geometry.loaded() != null && !geometry.busy(), 120_000), geometry.status());
        assertTrue(geometry.pageVisible(), geometry.status());
        assertEquals(v4, geometry.loaded().version());
        assertEquals(base, geometry.loaded().compared(), "compared with its root by default");
        GeometryAnalysis.Result stored = provider.storedGeometry(v4, data).orElseThrow();
        assertEquals(stored.samples(), geometry.loaded().geometry().samples());
        assertEquals(500, stored.samples().size());
        assertEquals(List.of("base", "v4"), List.copyOf(geometry.loaded().stored().keySet()),
                "both versions' global geometry for the parallel coordinates");
        double accuracy = stored.samples().stream().filter(s -> s.correct()).count() / 500.0;
        assertEquals(accuracy, GeometryView.means(stored)[0], 1e-12);
        assertTrue(geometry.status().startsWith("v4: accuracy "), geometry.status());
        // each sample's change from the root, in the headline and the export
        GeometryAnalysis.Result rootGeometry = provider.storedGeometry(base, data).orElseThrow();
        List<GeometryAnalysis.SampleChange> changes = GeometryAnalysis.changes(rootGeometry, stored);
        long closer = changes.stream().filter(c -> c.margin() < 0).count();
        assertTrue(geometry.status().contains("from base to v4: " + closer + " of 500 samples closer to a boundary"),
                geometry.status());
        List<List<String>> csv = geometry.table();
        assertEquals(1 + 2 * 500, csv.size(), "a header, then each version's samples");
        int marginChange = csv.get(0).indexOf("margin_change");
        List<String> firstRow = csv.get(1);
        assertEquals(List.of("v4", "0", "base"), List.of(firstRow.get(0), firstRow.get(1), firstRow.get(csv.get(0).indexOf(
                "change_from"))));
        assertEquals(stored.samples().get(0).margin() - rootGeometry.samples().get(0).margin(),
                Double.parseDouble(firstRow.get(marginChange)), 1e-4);
        assertEquals("", csv.get(501).get(marginChange), "the root's rows have no change");
        UiEvents.flush();
        ImageData scatter = geometry.scatterPicture();
        long colours = IntStream.range(0, scatter.width * scatter.height / 4)
                .map(i -> scatter.getPixel((i * 7) % scatter.width, (i * 7) / scatter.width % scatter.height))
                .distinct().count();
        assertTrue(colours > 8, "the samples are drawn in their classes' colours: " + colours);

        // Robustness: the root and v4 under every corruption, as stored with each
        RobustnessView robustness = (RobustnessView) page.showView(RobustnessView.ID);
        robustness.show(v4);
        assertTrue(UiEvents.waitUntil(() -> robustness.shownTable() != null && !robustness.busy(), 300_000),
                robustness.status());
        UiEvents.flush();
        RobustnessLotteryProvider.Table table = robustness.shownTable();
        assertEquals(List.of(base, v4), table.rows().stream().map(RobustnessLotteryProvider.Row::version).toList());
        int corruptions = CorruptionRegistry.installed().all().size();
        assertEquals(corruptions, table.corruptions().size());
        assertEquals(2 * (1 + corruptions + 3), robustness.cells().size(), "clean, each corruption, mean, drop, mCE");
        RobustnessAnalysis.Result root = table.rows().get(0).result();
        RobustnessAnalysis.Result pruned = table.rows().get(1).result();
        assertEquals(root.meanCorruptionAccuracy() - pruned.meanCorruptionAccuracy(), table.rows().get(1).drop(), 1e-12);
        assertEquals(RobustnessAnalysis.meanCorruptionError(pruned, root), table.rows().get(1).meanCorruptionError(),
                1e-12);
        assertTrue(robustness.status().contains("mCE"), robustness.status());

        // a cell of v4 opens the samples Gaussian noise flips, stored with v4
        RobustnessView.Cell cell = robustness.cells().stream()
                .filter(c -> c.row().equals(v4) && "gaussianNoise".equals(c.corruption())).findFirst().orElseThrow();
        robustness.pick(cell);
        assertEquals("gaussianNoise", robustness.curveOf(), "its severity curves below the table");
        FragileSamplesView fragile = (FragileSamplesView) page.findView(FragileSamplesView.ID);
        assertNotNull(fragile, "the Fragile Samples view opened");
        assertTrue(UiEvents.waitUntil(() -> fragile.result() != null && !fragile.busy() && fragile.picturesShown(),
                120_000), fragile.status());
        FragileSamplesAnalysis.Result result = fragile.result();
        assertEquals("gaussianNoise", result.corruption());
        assertEquals(3, result.severity());
        FragileSamplesAnalysis.Result again = provider.fragile(base, v4, data,
                new FragileSamplesAnalysis.Settings("gaussianNoise", 3, 0, 1), new NullProgressMonitor());
        assertEquals(result.flippedByCorruption(), again.flippedByCorruption());
        List<FragileSamplesView.Tile> tiles = fragile.tiles();
        assertFalse(tiles.isEmpty(), "severity 3 noise flips some of 500 predictions");
        assertEquals(result.flippedByCorruption().subList(0, tiles.size()), tiles.stream()
                .map(FragileSamplesView.Tile::sample).toList(), "the flipped samples, the largest fall first");
        UiEvents.flush();
        ImageData grid = fragile.gridPicture();
        var first = tiles.get(0).bounds();
        long shades = IntStream.range(0, 56).map(x -> grid.getPixel(first.x + 4 + x, first.y + 30)).distinct().count();
        assertTrue(shades > 4, "the clean image is drawn: " + shades);

        fragile.list(false);
        UiEvents.flush();
        assertEquals(Math.min(FragileSamplesView.PAGE, result.brokenByPruning().size()), fragile.tiles().size());

        // a sample picked among them is ringed in the Geometry view
        fragile.list(true);
        UiEvents.flush();
        page.activate(fragile);
        int index = tiles.get(0).sample().index();
        fragile.pick(index);
        assertTrue(UiEvents.waitUntil(() -> geometry.highlighted() == index, 10_000),
                "the Geometry view rings sample " + index + ", not " + geometry.highlighted());
    }
}
