package org.prunelab.ui.internal.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.performance.PerformanceSummary;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.TrainingHistory;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.ui.internal.Attention;
import org.prunelab.ui.internal.FigureText;

/**
 * Everything the performance view shows of a version but the test samples, read and worked out off the UI
 * thread: the version against its parent and root, its figures as text, its dataset's class names and its
 * training curves. A figure that is not a finite number says so (see {@link FigureText}).
 *
 * @param summary the version with its parent and root
 * @param classNames the dataset's classes, by label
 * @param figures measure and value, one row each
 * @param curves the training curves, or the sentence saying why there are none
 */
public record PerformanceReport(PerformanceSummary summary, List<String> classNames, List<Figure> figures,
        TrainingPlot curves) {

    /**
     * One row of the figures table.
     *
     * @param measure what is measured
     * @param value the value, with its unit
     */
    public record Figure(String measure, String value) {
    }

    /** Copies the lists. */
    public PerformanceReport {
        classNames = List.copyOf(classNames);
        figures = List.copyOf(figures);
    }

    /**
     * Reads a version's report: its model's versions, its project's dataset and its training history.
     *
     * @param version the version
     * @param monitor progress and cancellation
     * @return the report
     * @throws IOException naming the file if the versions or the project cannot be read
     */
    public static PerformanceReport read(ModelVersion version, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Reading " + version.model() + "/" + version.id(), 3);
        Path projectDir = version.projectDirectory();
        VersionStore store = new VersionStore(projectDir);
        List<ModelVersion> versions = store.versions(version.model());
        PerformanceSummary summary = PerformanceSummary.of(version, versions);
        sub.split(1);
        DatasetSpec data = ProjectFolder.open(projectDir).descriptor().dataset();
        Optional<Sp2psScore> attention = Attention.read(version, versions, data);
        List<String> names = DatasetSpec.classNames(data, projectDir, version.evaluation().confusion().length);
        sub.split(1);
        TrainingPlot curves;
        try {
            curves = store.history(version).filter(h -> !h.epochs().isEmpty())
                    .map(h -> TrainingPlot.of(version.id(), h))
                    .orElseGet(() -> TrainingPlot.message(noHistory(version)));
        } catch (IOException e) {
            // the figures are still worth showing
            curves = TrainingPlot.message("The training history cannot be read: " + e.getMessage());
        }
        sub.split(1);
        return new PerformanceReport(summary, names, figures(summary, attention), curves);
    }

    private static String noHistory(ModelVersion v) {
        if (v.recipe().training() == null) {
            return v.id() + " was not trained (" + v.recipe().kind() + "): it has no training curves.";
        }
        return "No training history is stored for " + v.id()
                + ": it was made before PruneLab kept the accuracy of every epoch.";
    }

    /**
     * The figures table of a version.
     *
     * @param summary the version with its parent and root
     * @param attention its stored Sp2PS against the root, if computed
     * @return measure and value per row
     */
    static List<Figure> figures(PerformanceSummary summary, Optional<Sp2psScore> attention) {
        Evaluation e = summary.version().evaluation();
        List<Figure> rows = new ArrayList<>();
        rows.add(new Figure("Test accuracy", FigureText.of("%.2f %%", 100 * e.accuracy())));
        rows.add(new Figure("Change from parent", summary.parent() == null ? "—"
                : FigureText.of("%+.2f points", summary.changeFromParent()) + " (" + summary.parent().id() + ")"));
        rows.add(new Figure("Change from root", FigureText.of("%+.2f points", summary.changeFromRoot()) + " ("
                + summary.root().id() + ")"));
        rows.add(new Figure("Parameters", String.format(Locale.ROOT, "%,d (%s of root)", e.parameters(),
                FigureText.of("%.1f %%", summary.parametersPercent()))));
        rows.add(new Figure("FLOPs", String.format(Locale.ROOT, "%,d (%s of root)", e.flops(),
                FigureText.of("%.1f %%", summary.flopsPercent()))));
        rows.add(new Figure("Latency, batch 1", FigureText.of("%.2f ms", e.latencyMillis1())));
        rows.add(new Figure("Latency, batch 64", FigureText.of("%.1f ms", e.latencyMillis64()) + " (" + e.threads()
                + " threads)"));
        rows.add(new Figure("Size on disk", String.format(Locale.ROOT, "%,d bytes", e.bytes())));
        if (summary.parent() != null) {
            rows.add(new Figure("Sp2PS vs " + summary.root().id(), attention.map(Sp2psScore::brief)
                    .orElse("not computed yet")));
        }
        return rows;
    }
}
