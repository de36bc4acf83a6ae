package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.resources.IProject;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.cam.internal.CamComparisonView;
import org.prunelab.ui.internal.Attention;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.lineage.VersionComparison;
import org.prunelab.ui.internal.performance.PerformanceReport;

/**
 * The CAM comparison view on the demo's base and v4 (FPGM-pruned and fine-tuned), with the demo's
 * dataset replaced by the committed Fashion-MNIST subset (500 test images).
 */
class CamComparisonViewUITest {

    private DemoCopy demo;
    private Path folder;
    private IProject project;

    @BeforeEach
    void copyTheDemo() throws Exception {
        demo = DemoCopy.of("cam-comparison-demo", List.of("base", "v3", "v4"));
        folder = demo.folder();
        project = demo.project();
    }

    @AfterEach
    void removeTheCopy() throws Exception {
        demo.close();
    }

    @Test
    void theGridShowsTheWorstImagesFirstAndTheSummaryIsTheStoredResult() throws Exception {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        CamComparisonView view = (CamComparisonView) page.showView(PruningPerspective.CAM_COMPARISON);
        VersionStore store = new VersionStore(folder);
        ModelVersion base = store.version("small-vgg", "base");
        ModelVersion v4 = store.version("small-vgg", "v4");
        view.show(v4);
        assertTrue(UiEvents.waitUntil(() -> view.result() != null && !view.busy() && view.mapsShown(), 120_000),
                "the comparison and its maps: " + view.status());
        assertEquals(List.of(base, v4), view.pair(), "v4 against its root");
        assertTrue(view.pageVisible(), "the comparison replaces the message it showed while computing");

        // what the view shows is what is stored with v4
        CamComparisonProvider provider = new CamComparisonProvider(VersionJob.runtime(),
                Services.find(AnalysisRegistry.class).orElseThrow());
        CamComparison.Result stored = provider.stored(new CamComparisonProvider.Request(base, v4,
                ProjectFolder.open(folder).descriptor().dataset(), CamComparison.Settings.DEFAULT)).orElseThrow();
        CamComparison.Result shown = view.result();
        assertEquals(stored.sp2ps(), shown.sp2ps());
        assertEquals(stored.samples(), shown.samples());
        assertEquals(500, shown.samples().size());
        assertTrue(view.status().startsWith(String.format(Locale.ROOT, "Sp2PS %.3f", stored.sp2ps())), view.status());
        assertTrue(Files.isDirectory(v4.directory().resolve("analyses/org.prunelab.analyses.camComparison")));

        // wherever versions are compared, v4 now shows this Sp2PS against base
        String line = Sp2psScore.of("base", stored).describe();
        assertEquals(Optional.of(line), Attention.describe(v4), "tooltip and Properties");
        assertEquals(Optional.of(Attention.NOT_COMPUTED), Attention.describe(store.version("small-vgg", "v3")));
        assertEquals(Optional.empty(), Attention.describe(base), "the root is not compared with itself");
        assertTrue(PerformanceReport.read(v4, null).figures().contains(new PerformanceReport.Figure("Sp2PS vs base",
                String.format(Locale.ROOT, "%.3f (S %.2f, F %.2f)", stored.sp2ps(), stored.meanSpatial(),
                        stored.meanSpectral()))), "the Performance view's figures");
        VersionComparison.Figure compared = VersionComparison.read(base, v4).figures().stream()
                .filter(f -> f.measure().equals("Sp2PS against the root")).findFirst().orElseThrow();
        assertEquals(List.of("1.000", String.format(Locale.ROOT, "%.3f", stored.sp2ps())), List.of(compared.a(),
                compared.b()), "the Compare dialog");
        assertEquals(-1, compared.verdict(), "v4 looks elsewhere than base");

        // N images, sorted by H, worst first, and the worst of all first
        List<CamComparisonView.Tile> tiles = view.tiles();
        assertEquals(CamComparisonView.PAGE, tiles.size());
        for (int i = 1; i < tiles.size(); i++) {
            assertTrue(tiles.get(i - 1).sample().harmonic() <= tiles.get(i).sample().harmonic(), "sorted by H");
        }
        double worst = stored.samples().stream().mapToDouble(CamComparison.Sample::harmonic).min().orElseThrow();
        assertEquals(worst, tiles.get(0).sample().harmonic());

        // the maps are drawn: the first tile's difference picture is not the placeholder grey
        ImageData grid = view.gridPicture();
        var first = tiles.get(0).bounds();
        int colours = (int) java.util.stream.IntStream.range(0, first.width / 2)
                .map(x -> grid.getPixel(first.x + x, first.y + first.height / 4)).distinct().count();
        assertTrue(colours > 8, "the input and maps are painted: " + colours + " colours");

        // filters: one class, then the changed predictions only
        view.filter(6, false);
        UiEvents.flush();
        assertTrue(view.tiles().stream().allMatch(t -> t.sample().label() == 6), "shirts only");
        view.filter(-1, true);
        UiEvents.flush();
        long changed = stored.changedPredictions();
        assertEquals(Math.min(changed, CamComparisonView.PAGE), view.tiles().size());
        assertTrue(view.tiles().stream().allMatch(t -> t.sample().predictionChanged()));
        view.filter(-1, false);

        // the root against itself is not a comparison, and says so
        view.show(base);
        assertTrue(UiEvents.waitUntil(() -> !view.busy() && view.pair().size() == 2 && view.pair().get(1).equals(base),
                30_000), view.status());
        assertTrue(view.status().startsWith("base is the baseline itself"), view.status());
        assertEquals(0, view.tiles().size());
    }
}
