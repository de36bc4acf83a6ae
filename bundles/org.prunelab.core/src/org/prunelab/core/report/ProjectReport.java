package org.prunelab.core.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.imageio.ImageIO;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.DamagedVersion;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.LineageLayout;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A project as a page a lab can put in a paper's supplement or send to a colleague: one HTML file that
 * holds everything it shows (its figures embedded), and beside it the same figures as PNG and the tables
 * as CSV. It shows the lineage of every model, a row per version (accuracy, parameters, FLOPs, latency,
 * size, and the Sp2PS and corruption robustness where they were computed), the accuracy of every class,
 * and per version its recipe, confusion matrix and training curves.
 * <p>
 * The report reads what the project has stored and computes nothing: an analysis never run is left out,
 * not run. It is written into a new folder next to the target and moved into place when complete, so an
 * interrupted report leaves the previous one whole.
 */
public final class ProjectReport {

    /** The page's file name. */
    public static final String PAGE = "index.html";

    /** The analysis whose stored results fill the robustness columns. */
    public static final String ROBUSTNESS = "org.prunelab.analyses.robustness";

    /** Marks a folder as a PruneLab report, which a new report may replace. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"PruneLab report\">";

    private static final Gson GSON = new Gson();
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The installed contributions the report names and reads.
     *
     * @param metrics the metrics, for their names
     * @param strategies the strategies, for their names
     * @param analyses the analyses, to read stored results
     */
    public record Registries(MetricRegistry metrics, StrategyRegistry strategies, AnalysisRegistry analyses) {
    }

    /**
     * What the report says of one version.
     *
     * @param version the version
     * @param label its display name, or null
     * @param parent its parent, or null for a root
     * @param root its model's root
     * @param history its own training, if it had one
     * @param attention its stored Sp2PS against the root, if computed
     * @param robustness its stored corruption robustness as stored (clean, cells, meanCorruptionAccuracy), if
     *        computed
     * @param robustnessDrop the root's mean corruption accuracy minus this version's, NaN unless both were
     *        computed on the same corruptions and severities
     */
    record Row(ModelVersion version, String label, ModelVersion parent, ModelVersion root,
            Optional<TrainingHistory> history, Optional<Sp2psScore> attention, Optional<JsonObject> robustness,
            double robustnessDrop) {

        String title() {
            return label != null ? label + " (" + version.id() + ")" : version.id();
        }
    }

    private final Registries registries;
    private final UnaryOperator<String> metricName;
    private final UnaryOperator<String> strategyName;

    /**
     * Creates a report writer.
     *
     * @param registries the installed contributions
     */
    public ProjectReport(Registries registries) {
        this.registries = registries;
        this.metricName = registries.metrics()::shortName;
        this.strategyName = registries.strategies()::shortName;
    }

    /**
     * The folder a report is given when only where it goes is chosen (the workbench asks for a place).
     *
     * @param projectName the project's name
     * @return e.g. "fashion-mnist-report"
     */
    public static String folderName(String projectName) {
        return Html.fileName(projectName) + "-report";
    }

    /**
     * Writes the report of a project.
     *
     * @param projectDir the project's folder
     * @param folder the report's folder: missing, empty, or holding an earlier PruneLab report, which is
     *        replaced
     * @param monitor progress and cancellation
     * @return the page
     * @throws IOException if the project cannot be read or the report cannot be written
     * @throws IllegalArgumentException if the folder holds other files, or lies inside the project's models
     */
    public Path write(Path projectDir, Path folder, IProgressMonitor monitor) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        checkTarget(projectDir, target);
        ProjectFolder project = ProjectFolder.open(projectDir);
        ProjectDescriptor descriptor = project.descriptor();
        DatasetSpec data = descriptor.dataset();
        VersionStore store = new VersionStore(project.dir());
        SubMonitor sub = SubMonitor.convert(monitor, "Report of " + descriptor.name(), 10);
        Map<String, List<Row>> models = new LinkedHashMap<>();
        List<DamagedVersion> damaged = new ArrayList<>();
        SubMonitor reading = sub.split(4).setWorkRemaining(descriptor.models().size());
        for (String model : descriptor.models()) {
            reading.subTask(model);
            models.put(model, rows(store, model, data));
            damaged.addAll(store.damaged(model));
            reading.worked(1);
        }
        Files.createDirectories(target.getParent());
        Path draft = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".writing-");
        try {
            new Page(draft, descriptor, data, models, damaged).write(sub.split(6));
            replace(draft, target);
        } finally {
            // moved into place when complete; what is left here is an interrupted report's
            ProjectFiles.deleteTree(draft);
        }
        return target.resolve(PAGE);
    }

    private static void checkTarget(Path projectDir, Path target) throws IOException {
        if (target.startsWith(projectDir.toAbsolutePath().normalize().resolve(VersionStore.MODELS))) {
            throw new IllegalArgumentException("A report cannot be written into the project's models folder: "
                    + target);
        }
        if (Files.isDirectory(target) && !isReport(target)) {
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " holds files that are not a PruneLab report; "
                            + "choose an empty or new folder");
                }
            }
        } else if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a file, not a folder");
        }
    }

    private static boolean isReport(Path folder) throws IOException {
        Path page = folder.resolve(PAGE);
        return Files.isRegularFile(page) && ProjectFiles.readText(page).contains(GENERATOR);
    }

    /** Moves the finished draft into place; an earlier report goes only once the new one is complete. */
    private static void replace(Path draft, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
            Files.delete(old);
            Files.move(target, old);
        }
        try {
            Files.move(draft, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(draft, target);
        }
        if (old != null) {
            ProjectFiles.deleteTree(old);
        }
    }

    private List<Row> rows(VersionStore store, String model, DatasetSpec data) throws IOException {
        List<ModelVersion> versions = store.versions(model);
        Map<String, ModelVersion> byId = new HashMap<>();
        versions.forEach(v -> byId.put(v.id(), v));
        List<Row> rows = new ArrayList<>();
        Map<ModelVersion, JsonObject> robustness = new HashMap<>();
        for (ModelVersion version : versions) {
            robustness(version, data).ifPresent(r -> robustness.put(version, r));
        }
        for (ModelVersion version : versions) {
            ModelVersion parent = version.parent() == null ? null : byId.get(version.parent());
            ModelVersion root = rootOf(version, byId);
            Optional<JsonObject> mine = Optional.ofNullable(robustness.get(version));
            JsonObject rootResult = robustness.get(root);
            double drop = mine.isPresent() && rootResult != null && sameCells(mine.get(), rootResult)
                    ? rootResult.get("meanCorruptionAccuracy").getAsDouble()
                            - mine.get().get("meanCorruptionAccuracy").getAsDouble()
                    : Double.NaN;
            rows.add(new Row(version, store.label(version).orElse(null), parent, root, store.history(version),
                    data == null ? Optional.empty()
                            : CamComparisonProvider.againstRoot(registries.analyses(), version, root, data),
                    mine, drop));
        }
        return rows;
    }

    private static ModelVersion rootOf(ModelVersion version, Map<String, ModelVersion> byId) {
        ModelVersion at = version;
        // a parent missing from the folder makes its child the root of what is left
        for (int hops = 0; at.parent() != null && byId.containsKey(at.parent()) && hops <= byId.size(); hops++) {
            at = byId.get(at.parent());
        }
        return at;
    }

    /** The stored robustness result with the most cells, as its JSON; the analysis may not be installed. */
    private Optional<JsonObject> robustness(ModelVersion version, DatasetSpec data) throws IOException {
        if (data == null || registries.analyses().descriptor(ROBUSTNESS).isEmpty()) {
            return Optional.empty();
        }
        return AnalysisService.storedResults(registries.analyses(), ROBUSTNESS, version, data).stream()
                .map(s -> GSON.toJsonTree(s.result()).getAsJsonObject())
                .max(Comparator.comparingInt(r -> r.getAsJsonArray("cells").size()));
    }

    private static boolean sameCells(JsonObject a, JsonObject b) {
        return cellKeys(a).equals(cellKeys(b));
    }

    private static List<String> cellKeys(JsonObject result) {
        List<String> keys = new ArrayList<>();
        for (JsonElement cell : result.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            keys.add(c.get("corruption").getAsString() + "@" + c.get("severity").getAsInt());
        }
        keys.sort(null);
        return keys;
    }

    /** One report being written into its draft folder. */
    private final class Page {
        private final Path folder;
        private final ProjectDescriptor project;
        private final DatasetSpec data;
        private final Map<String, List<Row>> models;
        private final List<DamagedVersion> damaged;
        private final StringBuilder html = new StringBuilder();

        Page(Path folder, ProjectDescriptor project, DatasetSpec data, Map<String, List<Row>> models,
                List<DamagedVersion> damaged) {
            this.folder = folder;
            this.project = project;
            this.data = data;
            this.models = models;
            this.damaged = damaged;
        }

        void write(IProgressMonitor monitor) throws IOException {
            int figures = 2 + models.values().stream().mapToInt(List::size).sum();
            SubMonitor sub = SubMonitor.convert(monitor, "Writing the report", figures + 1);
            head();
            html.append("<nav>Models: ");
            for (String model : models.keySet()) {
                html.append("<a href=\"#model-").append(Html.attribute(model)).append("\">").append(Html.text(model))
                        .append("</a> ");
            }
            html.append("· Tables: <a href=\"versions.csv\">versions.csv</a>, "
                    + "<a href=\"per-class-accuracy.csv\">per-class-accuracy.csv</a>, "
                    + "<a href=\"confusion.csv\">confusion.csv</a>");
            if (hasRobustness()) {
                html.append(", <a href=\"robustness.csv\">robustness.csv</a>");
            }
            html.append("</nav>\n");
            if (models.isEmpty()) {
                html.append("<p>The project has no model yet.</p>\n");
            } else {
                Map<String, List<ModelVersion>> versions = new LinkedHashMap<>();
                models.forEach((m, rows) -> versions.put(m, rows.stream().map(Row::version).toList()));
                html.append("<h2>Accuracy against parameters</h2>\n");
                figure("accuracy-parameters.png", ReportFigures.accuracyAgainstParameters(versions),
                        "Test accuracy against parameters of every version");
                sub.worked(1);
            }
            for (Map.Entry<String, List<Row>> model : models.entrySet()) {
                checkCanceled(sub);
                model(model.getKey(), model.getValue(), sub);
            }
            if (!damaged.isEmpty()) {
                html.append("<h2>Versions that cannot be read</h2>\n<ul>\n");
                for (DamagedVersion d : damaged) {
                    html.append("<li>").append(Html.text(d.model() + "/" + d.id() + ": " + d.reason())).append("</li>\n");
                }
                html.append("</ul>\n");
            }
            html.append("</body>\n</html>\n");
            tables();
            Files.writeString(folder.resolve(PAGE), html.toString(), StandardCharsets.UTF_8);
            sub.worked(1);
        }

        private boolean hasRobustness() {
            return models.values().stream().flatMap(List::stream).anyMatch(r -> r.robustness().isPresent());
        }

        private void head() {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n").append(GENERATOR)
                    .append("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                    .append(Html.text(project.name())).append(" · PruneLab report</title>\n<style>\n").append(STYLE)
                    .append("</style>\n</head>\n<body>\n<h1>").append(Html.text(project.name())).append("</h1>\n");
            if (!project.description().isBlank()) {
                html.append("<p class=\"description\">").append(Html.text(project.description())).append("</p>\n");
            }
            html.append("<p class=\"meta\">");
            if (data == null) {
                html.append("No dataset. ");
            } else {
                html.append("Dataset: ").append(Html.text(data.kind())).append(" (").append(Html.text(data.location()))
                        .append("), normalised with mean ").append(Html.text(data.normalization().mean().toString()))
                        .append(" and standard deviation ").append(Html.text(data.normalization().std().toString()))
                        .append(". ");
            }
            html.append("Accuracies are on the test set. Written ").append(WHEN.format(Instant.now()))
                    .append(" by PruneLab from the project's stored results.</p>\n");
        }

        private void model(String model, List<Row> rows, SubMonitor sub) throws IOException {
            html.append("<section id=\"model-").append(Html.attribute(model)).append("\">\n<h2>Model ")
                    .append(Html.text(model)).append("</h2>\n");
            if (rows.isEmpty()) {
                html.append("<p>No readable version.</p>\n</section>\n");
                return;
            }
            rows.stream().filter(r -> r.parent() == null).findFirst().map(r -> r.version().recipe().architecture())
                    .filter(a -> a != null).ifPresent(a -> html.append("<p>Architecture: ").append(Html.text(a))
                            .append("</p>\n"));
            Map<ModelVersion, String> titles = new HashMap<>();
            rows.forEach(r -> titles.put(r.version(), r.title()));
            html.append("<h3>Lineage</h3>\n");
            figure("lineage-" + Html.fileName(model) + ".png", ReportFigures.lineage(
                    rows.stream().map(Row::version).toList(), titles, metricName, strategyName),
                    "The lineage of " + model);
            versionsTable(rows);
            perClassTable(rows);
            html.append("<h3>Each version</h3>\n");
            for (Row row : rows) {
                checkCanceled(sub);
                version(row);
                sub.worked(1);
            }
            html.append("</section>\n");
        }

        private void versionsTable(List<Row> rows) {
            html.append("<h3>Versions</h3>\n<div class=\"scroll\"><table>\n<tr>");
            for (String h : List.of("version", "parent", "made by", "accuracy", "change", "parameters", "of root",
                    "FLOPs", "of root", "latency b1 (ms)", "latency b64 (ms)", "size", "Sp2PS", "corrupted", "drop")) {
                html.append("<th>").append(Html.text(h)).append("</th>");
            }
            html.append("</tr>\n");
            for (Row row : rows) {
                Evaluation e = row.version().evaluation();
                Evaluation root = row.root().evaluation();
                double change = row.parent() == null ? Double.NaN
                        : e.accuracy() - row.parent().evaluation().accuracy();
                html.append("<tr><td><a href=\"#").append(anchor(row)).append("\">").append(Html.text(row.title()))
                        .append("</a></td><td>").append(Html.text(row.parent() == null ? "" : row.parent().id()))
                        .append("</td><td>").append(Html.text(made(row.version()))).append("</td>");
                number(format("%.2f %%", 100 * e.accuracy()));
                number(Double.isNaN(change) ? "" : format("%+.2f", 100 * change), change < -0.005 ? "worse" : "");
                number(Quantities.count(e.parameters()));
                number(format("%.1f %%", 100.0 * e.parameters() / root.parameters()));
                number(Quantities.count(e.flops()));
                number(format("%.1f %%", 100.0 * e.flops() / root.flops()));
                number(format("%.2f", e.latencyMillis1()));
                number(format("%.1f", e.latencyMillis64()));
                number(Quantities.bytes(e.bytes()));
                number(row.attention().map(a -> format("%.3f", a.sp2ps())).orElse(""));
                number(row.robustness().map(r -> format("%.2f %%", 100 * r.get("meanCorruptionAccuracy").getAsDouble()))
                        .orElse(""));
                number(Double.isNaN(row.robustnessDrop()) ? "" : format("%+.2f", 100 * row.robustnessDrop()));
                html.append("</tr>\n");
            }
            html.append("</table></div>\n<p class=\"note\">Change: test accuracy against the parent, in points. "
                    + "Parameters and FLOPs also as a share of the root's. Latency: median forward time on the CPU "
                    + "at batch 1 and 64, in milliseconds. Sp2PS: how much the class-activation maps keep the "
                    + "root's (1 = the same), where the CAM comparison was computed. Corrupted: mean accuracy over "
                    + "the corruptions and severities computed; Drop: the root's minus this version's, in points."
                    + "</p>\n");
        }

        private void number(String text) {
            number(text, "");
        }

        private void number(String text, String style) {
            html.append("<td class=\"n").append(style.isEmpty() ? "" : " " + style).append("\">")
                    .append(Html.text(text)).append("</td>");
        }

        private void perClassTable(List<Row> rows) {
            List<String> classes = classNames(rows.get(0).version());
            html.append("<h3>Accuracy per class</h3>\n<div class=\"scroll\"><table>\n<tr><th>version</th>");
            classes.forEach(c -> html.append("<th>").append(Html.text(c)).append("</th>"));
            html.append("</tr>\n");
            for (Row row : rows) {
                double[] mine = row.version().evaluation().perClassAccuracy();
                double[] parent = row.parent() == null ? null : row.parent().evaluation().perClassAccuracy();
                html.append("<tr><td>").append(Html.text(row.title())).append("</td>");
                for (int c = 0; c < mine.length; c++) {
                    boolean worse = parent != null && c < parent.length && mine[c] < parent[c] - 0.02;
                    number(format("%.1f", 100 * mine[c]), worse ? "worse" : "");
                }
                html.append("</tr>\n");
            }
            html.append("</table></div>\n<p class=\"note\">In %; red where a class lost more than 2 points "
                    + "against the parent.</p>\n");
        }

        private void version(Row row) throws IOException {
            ModelVersion v = row.version();
            html.append("<details id=\"").append(anchor(row)).append("\"><summary>").append(Html.text(row.title()))
                    .append(" · ").append(Html.text(made(v))).append(" · ")
                    .append(format("%.2f %%", 100 * v.evaluation().accuracy())).append("</summary>\n<dl>");
            term("kind", v.recipe().kind());
            if (v.recipe().architecture() != null) {
                term("architecture", v.recipe().architecture());
            }
            if (v.recipe().metric() != null) {
                term("metric", metricName.apply(v.recipe().metric()) + " (" + v.recipe().metric() + ") "
                        + registries.metrics().describeSettings(v.recipe().metric(), v.recipe().metricSettings()));
                term("strategy", strategyName.apply(v.recipe().strategy()) + " (" + v.recipe().strategy() + ") "
                        + registries.strategies().describeSettings(v.recipe().strategy(),
                                v.recipe().strategySettings()));
            }
            if (v.recipe().kept() != null) {
                term("channels kept", v.recipe().kept().toString());
            }
            v.recipe().batchNorms().ifPresent(words -> term("batch-norm statistics", words));
            if (v.recipe().training() != null) {
                var t = v.recipe().training();
                term("training", t.epochs() + (t.epochs() == 1 ? " epoch, " : " epochs, ") + t.optimizer()
                        + " learning rate " + t.learningRate() + ", batch " + t.batchSize());
            }
            row.attention().ifPresent(a -> term("Sp2PS against " + a.baseline(), a.describe()));
            term("written", WHEN.format(v.recipe().created()));
            html.append("</dl>\n<div class=\"figures\">");
            String name = Html.fileName(v.model()) + "-" + Html.fileName(v.id());
            figure("confusion-" + name + ".png", ReportFigures.confusion(v.evaluation().confusion(),
                    classNames(v)), "Confusion matrix of " + row.title());
            if (row.history().isPresent() && !row.history().get().epochs().isEmpty()) {
                figure("training-" + name + ".png", ReportFigures.trainingCurves(row.history().get()),
                        "Training curves of " + row.title());
            }
            html.append("</div>\n</details>\n");
        }

        private void term(String term, String description) {
            html.append("<dt>").append(Html.text(term)).append("</dt><dd>").append(Html.text(description))
                    .append("</dd>");
        }

        /** Writes the figure beside the page and embeds the same bytes in it. */
        private void figure(String file, BufferedImage image, String caption) throws IOException {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", png)) {
                throw new IOException("no PNG writer is installed");
            }
            Files.write(folder.resolve(file), png.toByteArray());
            html.append("<figure><a href=\"").append(Html.attribute(file)).append("\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png.toByteArray())).append("\" width=\"")
                    .append(image.getWidth() / ReportFigures.DENSITY).append("\" alt=\"").append(Html.attribute(caption))
                    .append("\"></a><figcaption>").append(Html.text(caption)).append("</figcaption></figure>\n");
        }

        private void tables() throws IOException {
            List<List<String>> versions = new ArrayList<>();
            versions.add(List.of("model", "version", "label", "parent", "made by", "accuracy", "parameters", "FLOPs",
                    "latency b1 (ms)", "latency b64 (ms)", "bytes", "Sp2PS", "mean corruption accuracy",
                    "corruption drop"));
            List<List<String>> perClass = new ArrayList<>();
            perClass.add(List.of("model", "version", "class", "accuracy"));
            List<List<String>> confusion = new ArrayList<>();
            confusion.add(List.of("model", "version", "true class", "predicted class", "images"));
            List<List<String>> robustness = new ArrayList<>();
            robustness.add(List.of("model", "version", "corruption", "severity", "accuracy"));
            for (List<Row> rows : models.values()) {
                for (Row row : rows) {
                    ModelVersion v = row.version();
                    Evaluation e = v.evaluation();
                    versions.add(List.of(v.model(), v.id(), row.label() == null ? "" : row.label(),
                            row.parent() == null ? "" : row.parent().id(), made(v), Double.toString(e.accuracy()),
                            Long.toString(e.parameters()), Long.toString(e.flops()), Double.toString(e.latencyMillis1()),
                            Double.toString(e.latencyMillis64()), Long.toString(e.bytes()),
                            row.attention().map(a -> Double.toString(a.sp2ps())).orElse(""),
                            row.robustness().map(r -> r.get("meanCorruptionAccuracy").getAsString()).orElse(""),
                            Double.isNaN(row.robustnessDrop()) ? "" : Double.toString(row.robustnessDrop())));
                    List<String> classes = classNames(v);
                    for (int c = 0; c < e.perClassAccuracy().length; c++) {
                        perClass.add(List.of(v.model(), v.id(), classes.get(c), Double.toString(e.perClassAccuracy()[c])));
                        for (int p = 0; p < e.confusion()[c].length; p++) {
                            confusion.add(List.of(v.model(), v.id(), classes.get(c), classes.get(p),
                                    Integer.toString(e.confusion()[c][p])));
                        }
                    }
                    row.robustness().ifPresent(r -> r.getAsJsonArray("cells").forEach(cell -> {
                        JsonObject c = cell.getAsJsonObject();
                        robustness.add(List.of(v.model(), v.id(), c.get("corruption").getAsString(),
                                c.get("severity").getAsString(), c.get("accuracy").getAsString()));
                    }));
                }
            }
            Csv.write(versions, folder.resolve("versions.csv"));
            Csv.write(perClass, folder.resolve("per-class-accuracy.csv"));
            Csv.write(confusion, folder.resolve("confusion.csv"));
            if (robustness.size() > 1) {
                Csv.write(robustness, folder.resolve("robustness.csv"));
            }
        }

        private List<String> classNames(ModelVersion version) {
            return DatasetSpec.classNames(data, version.projectDirectory(),
                    version.evaluation().perClassAccuracy().length);
        }
    }

    private String made(ModelVersion version) {
        if (version.parent() == null) {
            return version.recipe().kind();
        }
        String[] edge = LineageLayout.edgeLabel(version, metricName, strategyName);
        return edge[1].isEmpty() ? edge[0] : edge[0] + " · " + edge[1];
    }

    private static String anchor(Row row) {
        return "version-" + Html.attribute(row.version().model()) + "-" + Html.attribute(row.version().id());
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #222; max-width: 1400px; margin: 2em auto; padding: 0 1em; }
            h1 { margin-bottom: .2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
            .description { font-size: 1.1em; } .meta, .note, figcaption { color: #555; font-size: .9em; }
            nav { margin: 1em 0; } nav a { margin-right: .4em; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; margin: .5em 0; }
            th, td { padding: 3px 8px; border-bottom: 1px solid #e4e4e4; white-space: nowrap; }
            th { text-align: left; background: #f4f4f4; position: sticky; top: 0; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } td.worse { color: #b03020; }
            figure { display: inline-block; margin: .5em 1em .5em 0; vertical-align: top; }
            img { max-width: 100%; height: auto; border: 1px solid #eee; }
            details { margin: .3em 0; } summary { cursor: pointer; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
            dt { color: #555; } dd { margin: 0; }
            """;
}
