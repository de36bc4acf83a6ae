package org.prunelab.analyses.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.prunelab.analyses.CamComparisonAnalysis;
import org.prunelab.analyses.RobustnessAnalysis;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.report.ProjectReport;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.ModelVersion;

/**
 * The project report's Sp2PS and robustness columns are the analyses' stored results, read and not
 * computed again.
 */
class ProjectReportAnalysesTest extends OnTheContractProject {

    @Test
    void theReportShowsTheStoredSp2psAndRobustness() throws Exception {
        List<ModelVersion> pair = project.versions(2);
        String settings = "{\"corruptions\": [\"brightness\", \"gaussianNoise\"], \"severities\": [1, 5], \"samples\": 0}";
        RobustnessAnalysis.Result base = (RobustnessAnalysis.Result) run(RobustnessAnalysis.ID, settings,
                List.of(pair.get(0))).result();
        RobustnessAnalysis.Result child = (RobustnessAnalysis.Result) run(RobustnessAnalysis.ID, settings,
                List.of(pair.get(1))).result();
        run(CamComparisonAnalysis.ID, null, pair);
        double sp2ps = CamComparisonProvider.againstRoot(registry, pair.get(1), pair.get(0), project.data())
                .orElseThrow().sp2ps();
        Path out = Files.createTempDirectory("report");
        Path page = new ProjectReport(new ProjectReport.Registries(new MetricRegistry(Platform.getExtensionRegistry()),
                new StrategyRegistry(Platform.getExtensionRegistry()), registry))
                .write(project.folder(), out.resolve("report"), new NullProgressMonitor());
        List<String> rows = Files.readAllLines(page.resolveSibling("versions.csv"));
        String[] v1 = rows.get(2).split(",");
        assertEquals("v1", v1[1]);
        assertEquals(sp2ps, Double.parseDouble(v1[11]), 1e-12);
        assertEquals(child.meanCorruptionAccuracy(), Double.parseDouble(v1[12]), 1e-12);
        assertEquals(base.meanCorruptionAccuracy() - child.meanCorruptionAccuracy(), Double.parseDouble(v1[13]), 1e-12);
        // the root has no Sp2PS against itself, and no drop
        String[] root = rows.get(1).split(",", -1);
        assertEquals("", root[11]);
        assertEquals(base.meanCorruptionAccuracy(), Double.parseDouble(root[12]), 1e-12);
        assertEquals(1 + 2 * 4, Files.readAllLines(page.resolveSibling("robustness.csv")).size());
        String html = Files.readString(page);
        assertTrue(html.contains(String.format(Locale.ROOT, "<td class=\"n\">%.3f</td>", sp2ps)), html);
    }
}
