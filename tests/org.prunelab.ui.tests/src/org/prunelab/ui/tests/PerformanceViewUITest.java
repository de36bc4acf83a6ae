package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.Range;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.core.performance.CellSamples;
import org.prunelab.core.performance.PerformanceSummary;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.ArrayDataset;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Architectures;
import org.prunelab.runtime.training.ModelTraining;
import org.prunelab.runtime.training.Prediction;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.core.report.Csv;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.performance.PerformanceView;
import org.prunelab.ui.internal.Thumbnails;
import org.prunelab.ui.internal.performance.TrainingPlot;

import ai.djl.ndarray.NDManager;

/**
 * The performance view: a pruned version of the demo against its parent and root, and, on a small project
 * trained on the committed Fashion-MNIST subset, the training curves and the test samples of a confusion
 * cell.
 */
class PerformanceViewUITest {

    private static Path project;
    private static ModelVersion trained;

    /** A project on the committed subset with a tiny network trained for two epochs (a few seconds). */
    @BeforeAll
    static void trainATinyModel() throws Exception {
        Path demo = Path.of(System.getProperty("prunelab.demo"));
        Path subset = demo.resolve("../../tests/org.prunelab.runtime.tests/data/fashion-mnist-subset").normalize();
        project = Files.createTempDirectory("performance-view");
        ProjectFolder folder = ProjectFolder.create(project, "tiny", "performance view test");
        DatasetSpec data = new DatasetSpec("fashion-mnist", subset.toString(), Normalization.FASHION_MNIST);
        folder.update(d -> d.withDataset(data));
        try (NDManager manager = Services.find(ModelRuntime.class).orElseThrow().newManager()) {
            trained = PruningService.trainRoot(new VersionStore(project), "tiny",
                    Architectures.smallVgg("tiny", List.of(1, 28, 28), List.of(4, 4, 8, 8), 10), "small-vgg:4,4,8,8",
                    data, TrainingSettings.adam(2, 1e-3, 128, 1), manager, null);
        }
    }

    @AfterAll
    static void removeTheProject() throws Exception {
        try (var files = Files.walk(project)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static PerformanceView view() throws Exception {
        return (PerformanceView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(PerformanceView.ID);
    }

    private static void showAndWait(PerformanceView view, ModelVersion version) {
        view.show(version);
        assertTrue(UiEvents.waitUntil(() -> view.summary() != null && view.summary().version().equals(version),
                30_000), "the version was not read");
    }

    @Test
    void showsAPrunedVersionAgainstItsParentAndRoot() throws Exception {
        List<ModelVersion> versions = new VersionStore(Path.of(System.getProperty("prunelab.demo"))).versions("small-vgg");
        ModelVersion tuned = versions.stream().filter(v -> v.id().equals("v4")).findFirst().orElseThrow();
        ModelVersion pruned = versions.stream().filter(v -> v.id().equals("v3")).findFirst().orElseThrow();
        ModelVersion base = versions.stream().filter(v -> v.id().equals("base")).findFirst().orElseThrow();

        PerformanceView view = view();
        showAndWait(view, tuned);
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
        assertTrue(figures.get("Change from parent").endsWith("(v3)"), figures.toString());
        assertTrue(figures.get("Parameters").contains("% of root"), figures.toString());

        double[][] shares = summary.confusion(true);
        assertEquals(10, shares.length);
        for (double[] row : shares) {
            assertEquals(1, Arrays.stream(row).sum(), 1e-9);
        }
        double[][] counts = summary.confusion(false);
        assertEquals(10_000, Arrays.stream(counts).flatMapToDouble(Arrays::stream).sum(), 1e-9);

        // v4 was fine-tuned before histories were stored, v3 was only pruned: the chart area says so
        assertTrue(view.trainingMessage().orElseThrow().contains("made before PruneLab kept the accuracy"),
                view.trainingMessage().toString());
        assertEquals(0, view.trainingChart().getSeriesSet().getSeries().length);
        showAndWait(view, pruned);
        assertEquals("v3 was not trained (pruned): it has no training curves.", view.trainingMessage().orElseThrow());

        // the exports: the figures and the matrix as shown
        List<List<String>> table = view.figuresTable();
        assertEquals(List.of("model", "version", "measure", "value"), table.get(0));
        assertEquals(List.of("small-vgg", "v3", "Test accuracy",
                String.format(Locale.ROOT, "%.2f %%", 100 * pruned.evaluation().accuracy())), table.get(1));
        view.setRowNormalized(false);
        List<List<String>> matrix = view.confusionTable();
        assertEquals(11, matrix.size());
        assertEquals("true \\ predicted,T-shirt/top,Trouser,Pullover,Dress,Coat,Sandal,Shirt,Sneaker,Bag,Ankle boot\r\n",
                Csv.format(List.of(matrix.get(0))));
        assertEquals("Shirt", matrix.get(7).get(0));
        assertEquals(String.valueOf(pruned.evaluation().confusion()[6][0]), matrix.get(7).get(1));
        view.setRowNormalized(true);
        assertEquals(String.format(Locale.ROOT, "%.6f", view.summary().confusion(true)[6][0]),
                view.confusionTable().get(7).get(1));
    }

    @Test
    void theChartPlotsTheStoredHistory() throws Exception {
        TrainingHistory stored = new VersionStore(project).history(trained).orElseThrow();
        assertEquals(2, stored.epochs().size());
        PerformanceView view = view();
        showAndWait(view, trained);
        assertTrue(view.trainingMessage().isEmpty(), view.trainingMessage().toString());
        ISeries<?> train = view.trainingChart().getSeriesSet().getSeries("train");
        ISeries<?> validation = view.trainingChart().getSeriesSet().getSeries("validation");
        assertNotNull(train);
        assertNotNull(validation);
        assertArrayEquals(new double[] {1, 2}, train.getXSeries());
        assertArrayEquals(new double[] {100 * stored.epochs().get(0).trainAccuracy(),
                100 * stored.epochs().get(1).trainAccuracy()}, train.getYSeries(), 1e-9);
        assertArrayEquals(new double[] {100 * stored.epochs().get(0).validationAccuracy(),
                100 * stored.epochs().get(1).validationAccuracy()}, validation.getYSeries(), 1e-9);
        assertEquals("epoch", view.trainingChart().getAxisSet().getXAxis(0).getTitle().getText());
        assertEquals("accuracy (%)", view.trainingChart().getAxisSet().getYAxis(0).getTitle().getText());
        assertTrue(view.trainingChart().getLegend().isVisible());
    }

    @Test
    void clickingACellShowsExactlyItsTestSamples() throws Exception {
        DatasetSpec data = ProjectFolder.open(project).descriptor().dataset();
        Dataset test = data.test(project);
        List<Prediction> direct;
        try (NDManager manager = Services.find(ModelRuntime.class).orElseThrow().newManager();
                NetworkModel model = new VersionStore(project).load(trained, manager)) {
            direct = ModelTraining.evaluate(model, test, data.normalization(), 64, null).predictions();
        }
        // the largest off-diagonal cell of the stored matrix: the network's most common confusion
        int[][] confusion = trained.evaluation().confusion();
        int row = 0;
        int column = 1;
        for (int r = 0; r < confusion.length; r++) {
            for (int c = 0; c < confusion.length; c++) {
                if (r != c && confusion[r][c] > confusion[row][column]) {
                    row = r;
                    column = c;
                }
            }
        }
        int trueClass = row;
        int predictedClass = column;
        List<Integer> expected = direct.stream().filter(p -> p.label() == trueClass && p.predicted() == predictedClass)
                .map(Prediction::index).sorted().toList();
        assertEquals(confusion[row][column], expected.size());
        assertTrue(expected.size() > 0);

        PerformanceView view = view();
        showAndWait(view, trained);
        assertTrue(UiEvents.waitUntil(() -> view.cellBounds(0, 0) != null, 5_000), "the matrix was not drawn");
        Rectangle cell = view.cellBounds(row, column);
        Event click = new Event();
        click.x = cell.x + cell.width / 2;
        click.y = cell.y + cell.height / 2;
        click.button = 1;
        view.matrixCanvas().notifyListeners(SWT.MouseDown, click);
        assertTrue(UiEvents.waitUntil(() -> view.cellSamples().isPresent(), 30_000), view.stripCaption());

        CellSamples shown = view.cellSamples().orElseThrow();
        assertEquals(trueClass, shown.trueClass());
        assertEquals(predictedClass, shown.predictedClass());
        assertEquals(expected, shown.samples().stream().map(Prediction::index).sorted().toList());
        assertEquals(CellSamples.of(direct, trueClass, predictedClass).shown().stream().map(Prediction::index).toList(),
                shown.shown().stream().map(Prediction::index).toList());
        String names = "true " + test.classNames().get(trueClass) + " → predicted " + test.classNames().get(predictedClass)
                + ": " + expected.size() + (expected.size() == 1 ? " sample" : " samples");
        assertTrue(view.stripCaption().startsWith(names), view.stripCaption());

        // each thumbnail is its sample, grey, each pixel a square of 2 to 4 pixels a side
        List<ImageData> thumbnails = view.thumbnails();
        assertEquals(Math.min(CellSamples.SHOWN, expected.size()), thumbnails.size());
        float[] pixels = new float[test.imageSize()];
        test.pixels(shown.shown().get(0).index(), pixels, 0);
        ImageData first = thumbnails.get(0);
        int scale = first.width / 28;
        assertEquals(28 * scale, first.width);
        assertEquals(28 * scale, first.height);
        assertTrue(scale >= 2 && scale <= 4, "scale " + scale);
        for (int[] at : new int[][] {{0, 0}, {14, 10}, {20, 27}, {27, 13}}) {
            int grey = Math.round(pixels[at[1] * 28 + at[0]] * 255);
            RGB rgb = first.palette.getRGB(first.getPixel(scale * at[0] + scale - 1, scale * at[1] + scale / 2));
            assertEquals(new RGB(grey, grey, grey), rgb, "pixel " + Arrays.toString(at));
        }
    }

    @Test
    void colourImagesKeepTheirChannels() {
        // one 2 × 2 RGB image, channel-major: red plane, green plane, blue plane
        byte[] pixels = {(byte) 255, 0, 0, (byte) 128, 0, (byte) 255, 0, (byte) 128, 0, 0, (byte) 255, (byte) 128};
        Dataset colour = new ArrayDataset("rgb", List.of("a"), List.of(3, 2, 2), pixels, new byte[] {0});
        ImageData data = Thumbnails.render(colour, 0, 3);
        assertEquals(6, data.width);
        assertEquals(new RGB(255, 0, 0), data.palette.getRGB(data.getPixel(0, 0)));
        assertEquals(new RGB(0, 255, 0), data.palette.getRGB(data.getPixel(5, 2)));
        assertEquals(new RGB(0, 0, 255), data.palette.getRGB(data.getPixel(2, 5)));
        assertEquals(new RGB(128, 128, 128), data.palette.getRGB(data.getPixel(4, 4)));
    }

    @Test
    void aMissingDatasetIsSaidInTheStrip() throws Exception {
        Path copy = Files.createTempDirectory("performance-view-missing");
        try {
            ProjectFolder folder = ProjectFolder.create(copy.resolve("p"), "p", "no images");
            Path missing = copy.resolve("nowhere");
            folder.update(d -> d.withDataset(new DatasetSpec("fashion-mnist", missing.toString(),
                    Normalization.FASHION_MNIST)));
            ModelVersion version;
            try (NDManager manager = Services.find(ModelRuntime.class).orElseThrow().newManager();
                    NetworkModel model = new VersionStore(project).load(trained, manager)) {
                version = new VersionStore(copy.resolve("p")).write("tiny", "base", model, trained.recipe(),
                        trained.evaluation());
            }
            PerformanceView view = view();
            showAndWait(view, version);
            view.selectCell(1, 1);
            assertTrue(UiEvents.waitUntil(() -> view.stripCaption().startsWith("The test samples cannot be shown"),
                    30_000), view.stripCaption());
            assertTrue(view.stripCaption().contains(missing.toString()), view.stripCaption());
            assertTrue(view.stripCaption().contains("Fetch the project's dataset"), view.stripCaption());
            assertTrue(view.cellSamples().isEmpty());
            assertTrue(view.thumbnails().isEmpty());
        } finally {
            try (var files = Files.walk(copy)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void aVersionTrainedForOneEpochShowsItsPointAndValue() throws Exception {
        try (TinyProject tiny = TinyProject.create("one-epoch")) {
            ModelVersion base = tiny.base();
            TrainingHistory stored = tiny.store().history(base).orElseThrow();
            assertEquals(1, stored.epochs().size(), "the tiny project's base is trained for one epoch");
            PerformanceView view = view();
            showAndWait(view, base);
            assertTrue(view.trainingMessage().isEmpty(), view.trainingMessage().toString());
            Chart chart = view.trainingChart();
            TrainingPlot shown = view.trainingPlot().orElseThrow();
            assertEquals("Accuracy of base's training, 1 epoch", shown.title());
            // the title, which the chart leaves to its legend, is the plot's tip
            Event hover = new Event();
            hover.x = 5;
            hover.y = 5;
            chart.getPlotArea().getControl().notifyListeners(SWT.MouseMove, hover);
            assertTrue(chart.getPlotArea().getControl().getToolTipText().startsWith(shown.title() + "\n"),
                    chart.getPlotArea().getControl().getToolTipText());
            ISeries<?> train = chart.getSeriesSet().getSeries("train");
            ISeries<?> validation = chart.getSeriesSet().getSeries("validation");
            double trainPercent = 100 * stored.epochs().get(0).trainAccuracy();
            double validationPercent = 100 * stored.epochs().get(0).validationAccuracy();
            assertArrayEquals(new double[] {1}, train.getXSeries());
            assertArrayEquals(new double[] {trainPercent}, train.getYSeries(), 1e-9);
            assertArrayEquals(new double[] {validationPercent}, validation.getYSeries(), 1e-9);
            // a single point says its value beside it
            TrainingPlot plot = view.trainingPlot().orElseThrow();
            assertEquals(List.of(String.format(Locale.ROOT, "%.1f %%", trainPercent)), plot.curves().get(0).labels());
            assertEquals(List.of(String.format(Locale.ROOT, "%.1f %%", validationPercent)),
                    plot.curves().get(1).labels());
            Range x = chart.getAxisSet().getXAxis(0).getRange();
            Range y = chart.getAxisSet().getYAxis(0).getRange();
            assertTrue(x.lower < 1 && x.upper > 1, x.toString());
            assertTrue(y.lower < Math.min(trainPercent, validationPercent) && y.upper > Math.max(trainPercent,
                    validationPercent), y.toString());

            // and the point is drawn where the chart says, in the validation curve's orange, over the one epoch
            chart.redraw();
            UiEvents.flush();
            assertArrayEquals(new double[] {1}, chart.getAxisSet().getXAxis(0).getTick().getTickLabelValues(), 1e-9,
                    "the epoch axis has a tick at epoch 1 and none between epochs");
            // the accuracy axis: at least two ticks, a round step apart (1, 2 or 5 times a power of ten), inside the
            // plot's range and far enough apart for their labels
            IAxis accuracy = chart.getAxisSet().getYAxis(0);
            double[] ticks = accuracy.getTick().getTickLabelValues();
            String said = "ticks " + Arrays.toString(ticks) + " of " + shown;
            assertTrue(ticks.length >= 2, said);
            double step = ticks[1] - ticks[0];
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            assertTrue(List.of(1L, 2L, 5L).contains(Math.round(mantissa)) && Math.abs(mantissa - Math.round(mantissa))
                    < 1e-6, said);
            for (int i = 0; i < ticks.length; i++) {
                assertEquals(Math.rint(ticks[i] / step), ticks[i] / step, 1e-6, said);
                assertTrue(ticks[i] >= shown.yLower() - 1e-9 && ticks[i] <= shown.yUpper() + 1e-9, said);
            }
            assertTrue(Math.abs(accuracy.getPixelCoordinate(ticks[0]) - accuracy.getPixelCoordinate(ticks[1])) >= 15,
                    said);
            // the legend, in the view's font, is above the plot and overlaps none of it
            Control legend = (Control) chart.getLegend();
            Rectangle plotArea = chart.getPlotArea().getControl().getBounds();
            assertTrue(legend.isVisible() && legend.getBounds().y + legend.getBounds().height <= plotArea.y,
                    legend.getBounds() + " over " + plotArea);
            assertEquals(chart.getParent().getFont().getFontData()[0], legend.getFont().getFontData()[0]);
            Point at = validation.getPixelCoordinates(0);
            ImageData pixels = ViewExport.capture(chart.getPlotArea().getControl());
            assertTrue(near(pixels, at, new RGB(230, 120, 20)), "no orange point at " + at);
        }
    }

    @Test
    void valuesThatAreNotFiniteAreLeftOutAndSaidSo() throws Exception {
        Path folder = Files.createTempDirectory("performance-view-nan");
        try {
            Evaluation e = trained.evaluation();
            Evaluation broken = new Evaluation(Double.NaN, Double.NaN, e.perClassAccuracy(), e.confusion(),
                    e.parameters(), e.flops(), Double.POSITIVE_INFINITY, Double.NaN, e.threads(), e.bytes());
            ModelVersion version = copy(trained, folder, "diverged", broken);
            // a diverged training: epoch 1 and 3 have no finite training accuracy, epoch 2 no validation
            Files.writeString(version.directory().resolve(TrainingHistory.FILE), """
                    {"format": 1, "validationSamples": 200, "epochs": [
                      {"epoch": 1, "trainLoss": NaN, "trainAccuracy": NaN, "validationLoss": 1.0,
                       "validationAccuracy": 0.4, "seconds": 1.0},
                      {"epoch": 2, "trainLoss": 1.0, "trainAccuracy": 0.5, "validationLoss": null,
                       "validationAccuracy": null, "seconds": 1.0},
                      {"epoch": 3, "trainLoss": Infinity, "trainAccuracy": Infinity, "validationLoss": 1.0,
                       "validationAccuracy": 0.6, "seconds": 1.0}]}
                    """);
            PerformanceView view = view();
            showAndWait(view, version);
            Map<String, String> figures = view.figures().stream().collect(Collectors.toMap(r -> r[0], r -> r[1]));
            assertEquals("not measured", figures.get("Test accuracy"));
            assertEquals("infinite", figures.get("Latency, batch 1"));
            assertTrue(figures.get("Latency, batch 64").startsWith("not measured"), figures.toString());

            assertTrue(view.trainingMessage().isEmpty(), view.trainingMessage().toString());
            ISeries<?> train = view.trainingChart().getSeriesSet().getSeries("train");
            ISeries<?> validation = view.trainingChart().getSeriesSet().getSeries("validation");
            assertArrayEquals(new double[] {2}, train.getXSeries());
            assertArrayEquals(new double[] {50}, train.getYSeries(), 1e-9);
            assertTrue(train.getDescription().endsWith("no finite value in epochs 1, 3"), train.getDescription());
            assertArrayEquals(new double[] {1, 3}, validation.getXSeries());
            assertArrayEquals(new double[] {40, 60}, validation.getYSeries(), 1e-9);
            assertTrue(validation.getDescription().endsWith("no finite value in epoch 2"),
                    validation.getDescription());
        } finally {
            delete(folder);
        }
    }

    @Test
    void theLatestVersionAskedForWinsOverASlowerEarlierOne() throws Exception {
        Path folder = Files.createTempDirectory("performance-view-quick");
        AtomicBoolean stop = new AtomicBoolean();
        try {
            ModelVersion slow = copy(trained, folder.resolve("slow"), "base", trained.evaluation());
            ModelVersion quick = copy(trained, folder.resolve("quick"), "base", trained.evaluation());
            // reading the slow project blocks on its descriptor, a pipe, until the test writes into it
            Path descriptor = folder.resolve("slow").resolve(ProjectDescriptor.FILE_NAME);
            String text = Files.readString(descriptor);
            Files.delete(descriptor);
            assertEquals(0, new ProcessBuilder("mkfifo", descriptor.toString()).start().waitFor());

            PerformanceView view = view();
            view.show(slow);
            showAndWait(view, quick);
            // the slow read may read the descriptor more than once: each read gets the text
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        Files.writeString(descriptor, text);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "descriptor pipe");
            // a writer left waiting for a reader that never comes does not keep the workbench running
            writer.setDaemon(true);
            writer.start();
            assertTrue(UiEvents.waitUntil(() -> Arrays.stream(Job.getJobManager().find(null))
                    .noneMatch(j -> j.getName().equals("Reading " + slow.model() + "/" + slow.id())), 30_000),
                    "the slow read did not end");
            UiEvents.flush();
            assertEquals(quick, view.summary().version(), "the earlier, slower answer replaced the latest one");
        } finally {
            stop.set(true);
            delete(folder);
        }
    }

    /** A project folder holding a copy of a version under another id, with another evaluation. */
    private static ModelVersion copy(ModelVersion source, Path projectDir, String id, Evaluation evaluation)
            throws Exception {
        ProjectFolder.create(projectDir, projectDir.getFileName().toString(), "a copy of " + source.id());
        try (NDManager manager = Services.find(ModelRuntime.class).orElseThrow().newManager();
                NetworkModel model = new VersionStore(project).load(source, manager)) {
            return new VersionStore(projectDir).write("tiny", id, model, source.recipe(), evaluation);
        }
    }

    /** Whether a pixel close to a point (a symbol's few pixels, antialiased) has about a colour. */
    private static boolean near(ImageData image, Point at, RGB colour) {
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int x = at.x + dx;
                int y = at.y + dy;
                if (x >= 0 && y >= 0 && x < image.width && y < image.height) {
                    RGB rgb = image.palette.getRGB(image.getPixel(x, y));
                    if (Math.abs(rgb.red - colour.red) < 40 && Math.abs(rgb.green - colour.green) < 40
                            && Math.abs(rgb.blue - colour.blue) < 40) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void delete(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
