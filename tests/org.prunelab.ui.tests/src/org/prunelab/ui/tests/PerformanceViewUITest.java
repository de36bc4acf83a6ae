package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.performance.PerformanceSummary;
import org.prunelab.ui.internal.performance.PerformanceView;

/**
 * The performance view on a pruned version of the demo: its figures against its parent and root.
 */
class PerformanceViewUITest {

    @Test
    void showsAPrunedVersionAgainstItsParentAndRoot() throws Exception {
        List<ModelVersion> versions = new VersionStore(Path.of(System.getProperty("prunelab.demo"))).versions("small-vgg");
        ModelVersion tuned = versions.stream().filter(v -> v.id().equals("v4")).findFirst().orElseThrow();
        ModelVersion pruned = versions.stream().filter(v -> v.id().equals("v3")).findFirst().orElseThrow();
        ModelVersion base = versions.stream().filter(v -> v.id().equals("base")).findFirst().orElseThrow();

        PerformanceView view = (PerformanceView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(PerformanceView.ID);
        view.show(tuned);
        assertTrue(UiEvents.waitUntil(() -> view.summary() != null, 30_000), "the version was not read");
        PerformanceSummary summary = view.summary();
        assertEquals(pruned, summary.parent());
        assertEquals(base, summary.root());
        assertEquals(100 * (tuned.evaluation().accuracy() - pruned.evaluation().accuracy()), summary.changeFromParent(),
                1e-9);
        assertEquals(100.0 * tuned.evaluation().parameters() / base.evaluation().parameters(),
                summary.parametersPercent(), 1e-9);

        Map<String, String> figures = view.figures().stream().collect(Collectors.toMap(r -> r[0], r -> r[1]));
        assertEquals(String.format(Locale.ROOT, "%.2f %%", 100 * tuned.evaluation().accuracy()),
                figures.get("Test accuracy"));
        assertTrue(figures.get("Change from parent").endsWith("(from v3)"), figures.toString());
        assertTrue(figures.get("Parameters").contains("% of the root"), figures.toString());

        double[][] shares = summary.confusion(true);
        assertEquals(10, shares.length);
        for (double[] row : shares) {
            assertEquals(1, Arrays.stream(row).sum(), 1e-9);
        }
        double[][] counts = summary.confusion(false);
        assertEquals(10_000, Arrays.stream(counts).flatMapToDouble(Arrays::stream).sum(), 1e-9);
    }
}
