package org.prunelab.ui.internal.lineage;

import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.DisplayNames;
import org.prunelab.ui.internal.VersionJob;

/**
 * Two versions side by side (CNNPruner's statistics of pruned models, NetPrune's comparison of a child
 * with its parent): on the left their figures with the change from A to B, green where B is better and
 * red where it is worse; on the right the width of every layer in both networks, the changed layers
 * highlighted and drawn as a pair of bars. The dialog is modeless, so the tree stays usable beside it;
 * the networks are read in a job.
 */
public final class CompareVersionsDialog extends Dialog {

    private static final int BAR_COLUMN = 4;

    private final ModelVersion first;
    private final ModelVersion second;
    private final String firstName;
    private final String secondName;
    private VersionComparison comparison;
    private Label status;
    private Table figures;
    private Table layers;
    private Color better;
    private Color worse;
    private Color changed;
    private Color barA;
    private Color barB;

    /**
     * Creates the dialog; {@link #open()} shows it and starts reading.
     *
     * @param parent the shell it belongs to
     * @param first version A, compared against
     * @param firstName how A is named (its display name and id)
     * @param second version B
     * @param secondName how B is named
     */
    public CompareVersionsDialog(Shell parent, ModelVersion first, String firstName, ModelVersion second,
            String secondName) {
        super(parent);
        this.first = first;
        this.second = second;
        this.firstName = firstName;
        this.secondName = secondName;
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Compare " + firstName + " with " + secondName);
    }

    @Override
    protected Point getInitialSize() {
        return new Point(1240, 660);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        better = new Color(area.getDisplay(), new RGB(214, 239, 221));
        worse = new Color(area.getDisplay(), new RGB(248, 218, 212));
        changed = new Color(area.getDisplay(), new RGB(255, 243, 205));
        barA = new Color(area.getDisplay(), new RGB(170, 170, 170));
        barB = new Color(area.getDisplay(), new RGB(31, 111, 120));
        area.addDisposeListener(e -> {
            for (Color color : new Color[] {better, worse, changed, barA, barB}) {
                color.dispose();
            }
        });
        GridLayoutFactory.fillDefaults().margins(10, 10).applyTo(area);

        Label heading = new Label(area, SWT.WRAP);
        heading.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        heading.setText("A: " + firstName + " — " + describe(first) + "\nB: " + secondName + " — " + describe(second));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(heading);

        SashForm sash = new SashForm(area, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        figures = table(sash, "Measure", 170, "A", 110, "B", 110, "B − A", 170);
        layers = table(sash, "Layer", 80, "A", 50, "B", 50, "B − A", 90, "Widths: A grey, B teal", 180);
        layers.addListener(SWT.EraseItem, e -> {
            if (e.index == BAR_COLUMN) {
                e.detail &= ~SWT.FOREGROUND;
            }
        });
        layers.addListener(SWT.PaintItem, this::paintBars);
        sash.setWeights(58, 42);
        String pair = first.id() + "-" + second.id();
        ViewExport.csvMenu(figures, () -> "compare-" + pair);
        ViewExport.csvMenu(layers, () -> "compare-layers-" + pair);

        status = new Label(area, SWT.WRAP);
        status.setText("Reading the networks of A and B…");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        } else {
            super.buttonPressed(buttonId);
        }
    }

    @Override
    public int open() {
        int code = super.open();
        VersionJob job = VersionJob.create("Comparing " + firstName + " with " + secondName,
                first.projectDirectory(), false, monitor -> {
                    SubMonitor.convert(monitor, "Reading the networks", 1);
                    VersionComparison read = VersionComparison.read(first, second);
                    asyncExec(() -> show(read));
                });
        job.setUser(false);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                job.problem().ifPresent(problem -> asyncExec(() -> status.setText("Cannot compare: " + problem)));
            }
        });
        job.schedule();
        return code;
    }

    private void asyncExec(Runnable update) {
        ViewJobs.asyncExec(status, update);
    }

    private void show(VersionComparison read) {
        comparison = read;
        for (VersionComparison.Figure figure : read.figures()) {
            TableItem item = new TableItem(figures, SWT.NONE);
            item.setText(new String[] {figure.measure(), figure.a(), figure.b(), figure.change()});
            if (figure.verdict() != 0) {
                item.setBackground(3, figure.verdict() > 0 ? better : worse);
                item.setBackground(2, figure.verdict() > 0 ? better : worse);
            }
        }
        int changedLayers = 0;
        for (VersionComparison.LayerWidths row : read.layers()) {
            TableItem item = new TableItem(layers, SWT.NONE);
            String change = row.differs()
                    ? String.format(Locale.ROOT, "%+d%s", row.b() - row.a(),
                            row.a() > 0 ? String.format(Locale.ROOT, " (%.0f %% of A)", 100.0 * row.b() / row.a()) : "")
                    : "";
            item.setText(new String[] {row.layer(), width(row.a()), width(row.b()), change, ""});
            item.setData(row);
            if (row.differs()) {
                changedLayers++;
                for (int c = 0; c < BAR_COLUMN; c++) {
                    item.setBackground(c, changed);
                }
            }
        }
        for (Table table : new Table[] {figures, layers}) {
            // the widths the texts need, but never narrower than the headings were made
            for (int c = 0; c < table.getColumnCount(); c++) {
                TableColumn column = table.getColumn(c);
                int planned = column.getWidth();
                if (c != BAR_COLUMN || table != layers) {
                    column.pack();
                    column.setWidth(Math.max(planned, column.getWidth() + 8));
                }
            }
        }
        status.setText(String.format(Locale.ROOT, "%d of %d layers differ; green: B is better, red: B is worse "
                + "(lower loss, size, cost and latency count as better).", changedLayers, read.layers().size()));
    }

    private void paintBars(Event e) {
        if (e.index != BAR_COLUMN || !(e.item.getData() instanceof VersionComparison.LayerWidths row)) {
            return;
        }
        int widest = comparison.layers().stream().filter(r -> r.kind().equals(row.kind()))
                .mapToInt(r -> Math.max(r.a(), r.b())).max().orElse(1);
        Rectangle cell = ((TableItem) e.item).getBounds(BAR_COLUMN);
        int room = Math.max(1, cell.width - 8);
        int h = Math.max(3, (cell.height - 6) / 2);
        e.gc.setBackground(barA);
        e.gc.fillRectangle(cell.x + 4, cell.y + 2, Math.max(1, room * row.a() / Math.max(1, widest)), h);
        e.gc.setBackground(barB);
        e.gc.fillRectangle(cell.x + 4, cell.y + 3 + h, Math.max(1, room * row.b() / Math.max(1, widest)), h);
    }

    private static String width(int n) {
        return n == 0 ? "–" : String.valueOf(n);
    }

    private static Table table(Composite parent, Object... columns) {
        Table table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (int i = 0; i < columns.length; i += 2) {
            TableColumn column = new TableColumn(table, i == 0 ? SWT.LEFT : SWT.RIGHT);
            column.setText((String) columns[i]);
            column.setWidth((Integer) columns[i + 1]);
        }
        return table;
    }

    /** How a version was made, in one line. */
    static String describe(ModelVersion version) {
        var recipe = version.recipe();
        StringBuilder text = new StringBuilder(recipe.kind());
        if (recipe.parent() != null) {
            text.append(" from ").append(recipe.parent());
        }
        if (recipe.metric() != null) {
            text.append(", ").append(DisplayNames.metric(recipe.metric()));
        }
        if (recipe.strategy() != null) {
            text.append(", ").append(DisplayNames.strategy(recipe.strategy())).append(" (")
                    .append(DisplayNames.strategySettings(recipe.strategy(), recipe.strategySettings())).append(')');
        }
        if (recipe.training() != null) {
            text.append(String.format(Locale.ROOT, ", %d epoch(s), learning rate %s", recipe.training().epochs(),
                    recipe.training().learningRate()));
        }
        return text.toString();
    }

    /**
     * The comparison shown, once read.
     *
     * @return it, or empty while the networks are read
     */
    public Optional<VersionComparison> comparison() {
        return Optional.ofNullable(comparison);
    }

    /**
     * The table of figures: measure, A, B, B − A.
     *
     * @return the table
     */
    public Table figuresTable() {
        return figures;
    }

    /**
     * The table of layer widths: layer, A, B, B − A, bars.
     *
     * @return the table
     */
    public Table layersTable() {
        return layers;
    }

    /**
     * The status line under the tables.
     *
     * @return its text
     */
    public String status() {
        return status.getText();
    }
}
