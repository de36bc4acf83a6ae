package org.prunelab.core.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.training.EpochRecord;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * The project report says what the project stores, in one page that needs nothing but itself.
 */
class ProjectReportTest {

    @TempDir
    Path dir;

    private Path project;
    private ProjectReport report;

    private static Evaluation evaluation(double accuracy, long parameters, long flops, int[][] confusion) {
        double[] perClass = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            int total = 0;
            for (int n : confusion[c]) {
                total += n;
            }
            perClass[c] = confusion[c][c] / (double) total;
        }
        return new Evaluation(accuracy, 0.4, perClass, confusion, parameters, flops, 1.25, 9.5, 2, 4096);
    }

    /**
     * A project of two models: {@code vgg} with base → v1 (pruned by L1, uniform) → v2 (fine-tuned, with
     * its training history), and {@code other} with a base only.
     */
    @BeforeEach
    void writeProject() throws Exception {
        project = dir.resolve("study");
        ProjectFolder folder = ProjectFolder.create(project, "Study <1>", "Does L1 keep the shirts?");
        DatasetSpec data = new DatasetSpec("image-folders", "images", Normalization.none(1));
        folder.update(d -> d.withDataset(data).withModel("vgg").withModel("other"));
        VersionStore store = new VersionStore(project);
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(ProjectReport.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        try (NDManager manager = tracker.waitForService(30_000).newManager();
                NetworkModel model = NetworkModel.initialize(
                        Architectures.smallVgg("vgg", List.of(1, 16, 16), List.of(4, 4, 8, 8), 3), manager, 1)) {
            Instant t = Instant.parse("2026-12-01T10:00:00Z");
            store.write("vgg", "base", model, new Recipe("trained", null, "small-vgg 4,4,8,8", null, null, null, null, 0,
                    null, null, 1, t), evaluation(0.9, 40_000, 2_000_000, new int[][] {{9, 1, 0}, {0, 10, 0}, {1, 1, 8}}));
            store.write("vgg", "v1", model, new Recipe("pruned", "base", null, "org.prunelab.metrics.weightL1",
                    JsonParser.parseString("{}"), "org.prunelab.strategies.uniform",
                    JsonParser.parseString("{\"ratio\": 0.5}"), 2, Map.of("conv1", 2), 4000, null, 1,
                    t.plusSeconds(60)),
                    evaluation(0.6, 10_000, 500_000, new int[][] {{6, 4, 0}, {2, 8, 0}, {3, 3, 4}}));
            TrainingHistory history = new TrainingHistory(List.of(new EpochRecord(1, 0.9, 0.7, 0.8, 0.75, 3),
                    new EpochRecord(2, 0.5, 0.85, 0.6, 0.8, 3)), 100);
            store.write("vgg", "v2", model, new Recipe("fine-tuned", "v1", null, null, null, null, null, 0, null,
                    TrainingSettings.adam(2, 1e-3, 128, 1), 1, t.plusSeconds(120)),
                    evaluation(0.85, 10_000, 500_000, new int[][] {{9, 1, 0}, {1, 9, 0}, {2, 1, 7}}), history);
            store.rename(store.version("vgg", "v2"), "L1 half & tuned");
            store.write("other", "base", model, new Recipe("imported", null, "small-vgg 4,4,8,8", null, null, null, null,
                    0, null, null, 1, t), evaluation(0.7, 40_000, 2_000_000, new int[][] {{7, 3, 0}, {3, 7, 0}, {1, 0, 9}}));
        } finally {
            tracker.close();
        }
        report = new ProjectReport(new ProjectReport.Registries(new MetricRegistry(Platform.getExtensionRegistry()),
                new StrategyRegistry(Platform.getExtensionRegistry()),
                new AnalysisRegistry(Platform.getExtensionRegistry())));
    }

    @Test
    void thePageHoldsEveryVersionAndNeedsNothingButItself() throws Exception {
        Path page = report.write(project, dir.resolve("out"), new NullProgressMonitor());
        assertEquals(dir.resolve("out").resolve(ProjectReport.PAGE).toAbsolutePath(), page);
        String html = Files.readString(page);
        assertTrue(html.contains("<h1>Study &lt;1&gt;</h1>"), "the name is escaped");
        assertTrue(html.contains("Does L1 keep the shirts?"));
        assertTrue(html.contains("L1 half &amp; tuned (v2)"), "a version is named by its label and id");
        // accuracy and its change against the parent, in points: v1 lost 30, v2 regained 25
        assertTrue(html.contains("<td class=\"n\">60.00 %</td><td class=\"n worse\">-30.00</td>"), html);
        assertTrue(html.contains("<td class=\"n\">85.00 %</td><td class=\"n\">+25.00</td>"));
        // parameters and FLOPs as a share of the root's
        assertTrue(html.contains("<td class=\"n\">10.0 k</td><td class=\"n\">25.0 %</td>"));
        // how v1 was made, by the names people read
        assertTrue(html.contains("L1 norm of weights · Uniform ratio per layer"), html);
        assertTrue(html.contains("<dt>batch-norm statistics</dt><dd>re-estimated on 4000 training images</dd>"), html);
        // nothing outside the page: no script, no stylesheet, no remote image
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<link"));
        assertFalse(Pattern.compile("src=\"(?!data:image/png;base64,)").matcher(html).find());
        // each embedded figure is the PNG written beside the page
        Matcher figures = Pattern.compile("<a href=\"([^\"]+\\.png)\"><img src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        List<String> files = new ArrayList<>();
        while (figures.find()) {
            files.add(figures.group(1));
            byte[] embedded = Base64.getDecoder().decode(figures.group(2));
            assertArrayEquals(Files.readAllBytes(page.resolveSibling(figures.group(1))), embedded);
        }
        assertEquals(List.of("accuracy-parameters.png", "lineage-vgg.png", "confusion-vgg-base.png",
                "confusion-vgg-v1.png", "confusion-vgg-v2.png", "training-vgg-v2.png", "lineage-other.png",
                "confusion-other-base.png"), files);
        // the lineage is three boxes deep and one row high: 2 × (2 × 12 + 3 × 210 + 2 × 150) by 2 × (2 × 12 + 58)
        BufferedImage lineage = ImageIO.read(page.resolveSibling("lineage-vgg.png").toFile());
        assertEquals(2 * (24 + 630 + 300), lineage.getWidth());
        assertEquals(2 * (24 + 58), lineage.getHeight());
        BufferedImage confusion = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(
                page.resolveSibling("confusion-vgg-v1.png"))));
        assertTrue(confusion.getWidth() > 3 * 38 * 2);
    }

    @Test
    void theTablesAreTheStoredNumbers() throws Exception {
        Path page = report.write(project, dir.resolve("out"), new NullProgressMonitor());
        List<String> versions = Files.readAllLines(page.resolveSibling("versions.csv"));
        assertEquals("model,version,label,parent,made by,accuracy,parameters,FLOPs,latency b1 (ms),latency b64 (ms),"
                + "bytes,Sp2PS,mean corruption accuracy,corruption drop", versions.get(0));
        // the size is what the store measured on the written files
        long bytes = new VersionStore(project).version("vgg", "v1").evaluation().bytes();
        assertEquals("vgg,v1,,base,L1 norm of weights · Uniform ratio per layer,0.6,10000,500000,1.25,9.5," + bytes
                + ",,,", versions.get(2));
        assertEquals("vgg,v2,L1 half & tuned,v1,fine-tune · 2 epochs,0.85,10000,500000,1.25,9.5," + bytes + ",,,",
                versions.get(3));
        assertEquals(5, versions.size());
        List<String> perClass = Files.readAllLines(page.resolveSibling("per-class-accuracy.csv"));
        assertEquals("vgg,v1,2,0.4", perClass.get(6));
        List<String> confusion = Files.readAllLines(page.resolveSibling("confusion.csv"));
        assertEquals(1 + 4 * 9, confusion.size());
        assertEquals("vgg,v1,2,0,3", confusion.get(1 + 9 + 6));
        assertFalse(Files.exists(page.resolveSibling("robustness.csv")), "no robustness was computed");
    }

    @Test
    void theClassesOfAnImageFoldersDatasetAreNamedByTheirFolders() throws Exception {
        // the class folders are all it takes: their names in label order, no image read
        for (String name : List.of("trouser", "coat", "shirt")) {
            Files.createDirectories(project.resolve("images/train").resolve(name));
        }
        Path page = report.write(project, dir.resolve("out"), new NullProgressMonitor());
        List<String> perClass = Files.readAllLines(page.resolveSibling("per-class-accuracy.csv"));
        assertEquals("vgg,v1,trouser,0.4", perClass.get(6));
        assertTrue(Files.readString(page).contains(">shirt<"), "the page names the classes");
    }

    @Test
    void aNewReportReplacesTheOldOneAndNothingElse() throws Exception {
        Path out = dir.resolve("out");
        report.write(project, out, new NullProgressMonitor());
        Files.writeString(out.resolve("stale.png"), "from an older report");
        report.write(project, out, new NullProgressMonitor());
        assertFalse(Files.exists(out.resolve("stale.png")), "the earlier report is replaced whole");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("out", "study"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no draft is left behind");
        }
        Path theirs = Files.createDirectories(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("notes.txt"), "keep me");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> report.write(project, theirs, new NullProgressMonitor()));
        assertTrue(refused.getMessage().contains(theirs.toString()), refused.getMessage());
        assertEquals("keep me", Files.readString(theirs.resolve("notes.txt")));
        assertThrows(IllegalArgumentException.class,
                () -> report.write(project, project.resolve("models/vgg/report"), new NullProgressMonitor()));
    }

    @Test
    void aDamagedVersionIsListedWithItsReason() throws Exception {
        Files.writeString(project.resolve("models/vgg/v1/evaluation.json"), "{ not json");
        String html = Files.readString(report.write(project, dir.resolve("out"), new NullProgressMonitor()));
        assertTrue(html.contains("Versions that cannot be read"));
        assertTrue(html.contains("vgg/v1: "), html);
        // its child is still reported, as the root of what is left
        assertTrue(html.contains("L1 half &amp; tuned (v2)"));
    }

    @Test
    void ticksAreRoundAndEncloseTheData() {
        assertArrayEquals(new double[] {82, 84, 86, 88, 90, 92}, Ticks.around(new double[] {82.1, 91.3}, 0), 1e-9);
        assertEquals("82", Ticks.label(82, new double[] {82, 84}));
        assertArrayEquals(new double[] {0, 5, 10, 15}, Ticks.around(new double[] {0.4, 11}, 0), 1e-9);
        assertEquals("0.5", Ticks.label(0.5, new double[] {0, 0.5}));
        assertEquals(0.2, Ticks.roundStep(0.1001), 1e-12);
        assertEquals(0.1, Ticks.roundStep(0.1 * (1 + 1e-12)), 1e-12);
        // one epoch: whole epochs around it
        assertArrayEquals(new double[] {0, 1, 2}, Ticks.around(new double[] {1}, 1), 1e-9);
    }
}
