package org.prunelab.ui.internal.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.data.CifarBinary;
import org.prunelab.runtime.data.FashionMnist;

/**
 * The performance view (NetPrune): for the version selected in the exploration tree, test accuracy and
 * its change from the parent and the root, parameters and FLOPs as shares of the root, measured latency,
 * size, and the confusion matrix as counts or as shares of each true class.
 */
public final class PerformanceView extends ViewPart {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.views.performance";

    private Label title;
    private Table figures;
    private Canvas matrix;
    private Button normalize;
    private PerformanceSummary summary;
    private List<String> classNames = List.of();
    private Color[] shades;

    private final ISelectionListener versionListener = (IWorkbenchPart part, ISelection selection) -> {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ModelVersion version) {
            show(version);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        shades = new Color[11];
        for (int i = 0; i <= 10; i++) {
            // white to PruneLab's teal
            shades[i] = new Color(parent.getDisplay(), new RGB(255 - i * 22, 255 - i * 14, 255 - i * 13));
        }
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(body);
        title = new Label(body, SWT.NONE);
        title.setFont(JFaceResources.getHeaderFont());
        title.setText("Select a version in the exploration tree.");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(title);

        figures = new Table(body, SWT.BORDER | SWT.FULL_SELECTION);
        figures.setHeaderVisible(true);
        figures.setLinesVisible(true);
        new TableColumn(figures, SWT.NONE).setText("Measure");
        new TableColumn(figures, SWT.NONE).setText("Value");
        GridDataFactory.fillDefaults().grab(false, true).hint(330, SWT.DEFAULT).applyTo(figures);

        Composite right = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(right);
        normalize = new Button(right, SWT.CHECK);
        normalize.setText("Shares of each true class (row-normalised)");
        normalize.setSelection(true);
        normalize.addListener(SWT.Selection, e -> matrix.redraw());
        matrix = new Canvas(right, SWT.DOUBLE_BUFFERED);
        matrix.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(matrix);
        matrix.addPaintListener(e -> paintMatrix(e.gc));
        getSite().getPage().addSelectionListener(versionListener);
    }

    /**
     * Shows a version; its model's other versions and the dataset's class names are read in a job.
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        Path projectDir = version.directory().getParent().getParent().getParent();
        Job job = Job.create("Reading " + version.model() + "/" + version.id(), monitor -> {
            try {
                List<ModelVersion> all = new VersionStore(projectDir).versions(version.model());
                DatasetSpec data = ProjectFolder.open(projectDir).descriptor().dataset();
                List<String> names = classNames(data, version.evaluation().confusion().length);
                matrix.getDisplay().asyncExec(() -> {
                    if (!matrix.isDisposed()) {
                        update(PerformanceSummary.of(version, all), names);
                    }
                });
            } catch (IOException e) {
                return Status.error("Cannot read the versions of " + version.model(), e);
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private static List<String> classNames(DatasetSpec data, int classes) {
        if (data != null && data.kind().equals("fashion-mnist")) {
            return FashionMnist.CLASSES;
        }
        if (data != null && data.kind().equals("cifar10")) {
            return CifarBinary.CLASSES;
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        return names;
    }

    private void update(PerformanceSummary newSummary, List<String> names) {
        summary = newSummary;
        classNames = names;
        ModelVersion v = summary.version();
        Evaluation e = v.evaluation();
        title.setText(v.model() + "/" + v.id() + " — " + v.recipe().kind());
        title.getParent().layout();
        figures.removeAll();
        row("Test accuracy", percent(e.accuracy()));
        row("Change from parent", summary.parent() == null ? "—" : points(summary.changeFromParent()) + " (from "
                + summary.parent().id() + ")");
        row("Change from root", points(summary.changeFromRoot()) + " (from " + summary.root().id() + ")");
        row("Parameters", String.format(Locale.ROOT, "%,d (%.1f %% of the root)", e.parameters(),
                summary.parametersPercent()));
        row("FLOPs", String.format(Locale.ROOT, "%,d (%.1f %% of the root)", e.flops(), summary.flopsPercent()));
        row("Latency, batch 1", String.format(Locale.ROOT, "%.2f ms", e.latencyMillis1()));
        row("Latency, batch 64", String.format(Locale.ROOT, "%.1f ms (%d threads)", e.latencyMillis64(), e.threads()));
        row("Size on disk", String.format(Locale.ROOT, "%,d bytes", e.bytes()));
        for (TableColumn column : figures.getColumns()) {
            column.pack();
        }
        matrix.redraw();
    }

    private void row(String measure, String value) {
        new TableItem(figures, SWT.NONE).setText(new String[] {measure, value});
    }

    private void paintMatrix(GC gc) {
        if (summary == null) {
            return;
        }
        double[][] values = summary.confusion(normalize.getSelection());
        int n = values.length;
        Point size = matrix.getSize();
        int labels = 0;
        for (String name : classNames) {
            labels = Math.max(labels, gc.textExtent(name).x);
        }
        int left = labels + 10;
        int top = 24;
        int cell = Math.max(12, Math.min((size.x - left - 8) / Math.max(1, n), (size.y - top - 8) / Math.max(1, n)));
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        gc.setForeground(matrix.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawText("true class ↓  predicted →", left, 4, true);
        for (int r = 0; r < n; r++) {
            String name = r < classNames.size() ? classNames.get(r) : String.valueOf(r);
            gc.setForeground(matrix.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(name, left - 6 - gc.textExtent(name).x, top + r * cell + (cell - gc.getFontMetrics().getHeight()) / 2,
                    true);
            for (int c = 0; c < n; c++) {
                double share = max == 0 ? 0 : values[r][c] / max;
                gc.setBackground(shades[(int) Math.round(share * 10)]);
                gc.fillRectangle(left + c * cell, top + r * cell, cell - 1, cell - 1);
                String text = normalize.getSelection() ? String.format(Locale.ROOT, "%.0f", 100 * values[r][c])
                        : String.format(Locale.ROOT, "%.0f", values[r][c]);
                if (cell >= 28) {
                    gc.setForeground(matrix.getDisplay().getSystemColor(share > 0.55 ? SWT.COLOR_WHITE : SWT.COLOR_BLACK));
                    Point extent = gc.textExtent(text);
                    gc.drawText(text, left + c * cell + (cell - extent.x) / 2, top + r * cell + (cell - extent.y) / 2, true);
                }
            }
        }
    }

    /**
     * The version shown, for tests.
     *
     * @return its summary, or null
     */
    public PerformanceSummary summary() {
        return summary;
    }

    /**
     * The figures shown, for tests.
     *
     * @return measure and value per row
     */
    public List<String[]> figures() {
        List<String[]> rows = new ArrayList<>();
        for (TableItem item : figures.getItems()) {
            rows.add(new String[] {item.getText(0), item.getText(1)});
        }
        return rows;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }

    private static String points(double points) {
        return String.format(Locale.ROOT, "%+.2f points", points);
    }

    @Override
    public void setFocus() {
        figures.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(versionListener);
        if (shades != null) {
            for (Color color : shades) {
                color.dispose();
            }
        }
        super.dispose();
    }
}
