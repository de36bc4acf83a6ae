package org.prunelab.ui.robustness.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.prunelab.analyses.RobustnessAnalysis;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.corruptions.CorruptionRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.export.ViewExport;

/**
 * The Robustness view: the accuracy of a model's versions under every installed corruption, as a heat
 * table — a row per version (the root first), a column per corruption with its mean over the severities,
 * then the mean corruption accuracy, its drop against the root and mCE — and below it the severity curves
 * of the corruption picked. Clicking a cell of a pruned version opens its samples in the Fragile Samples
 * view.
 */
public final class RobustnessView extends LotteryView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.ROBUSTNESS;

    /** The rows offered. */
    static final List<String> ROWS = List.of("The root and the selected version", "Every version of the model");

    /** The severity a clicked cell opens in the Fragile Samples view. */
    static final int CELL_SEVERITY = 3;

    /**
     * One cell of the table as drawn, for clicks and tests.
     *
     * @param row the row's version
     * @param corruption the column's corruption id, or null for the summary columns
     * @param bounds where it is drawn
     */
    public record Cell(ModelVersion row, String corruption, Rectangle bounds) {
    }

    private Combo rowsCombo;
    private Combo curveCombo;
    /** The narrowest a column of the table is drawn, in pixels. */
    private static final int MIN_CELL_WIDTH = 44;

    private ScrolledComposite heatScroller;
    private Canvas heat;
    private Canvas curves;
    private ModelVersion version;
    private ModelVersion requested;
    private RobustnessLotteryProvider.Table table;
    private String curveOf;
    private boolean updating;
    private final List<Cell> cells = new ArrayList<>();

    @Override
    protected String nothingSelected() {
        return "Select a version in the Exploration Tree to see its accuracy under noise, blur, digital and geometric "
                + "corruptions, against its root.";
    }

    @Override
    protected void createContent(Composite parent) {
        rowsCombo = combo("Rows:", "Which versions of the model the table compares (each is computed once, then "
                + "stored with the version)");
        fill(rowsCombo, ROWS, null);
        curveCombo = combo("Curves of:", "The corruption whose accuracy by severity is drawn below the table; or "
                + "click its column");
        SashForm split = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        // many versions, or a narrow pane, make the table larger than its pane: it scrolls rather than cut it off
        heatScroller = new ScrolledComposite(split, SWT.V_SCROLL | SWT.H_SCROLL);
        heatScroller.setExpandHorizontal(true);
        heatScroller.setExpandVertical(true);
        heat = new Canvas(heatScroller, SWT.DOUBLE_BUFFERED);
        heatScroller.setContent(heat);
        heat.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        heatScroller.setBackground(heat.getBackground());
        heat.addPaintListener(e -> paintTable(e.gc, heat.getClientArea()));
        heat.addListener(SWT.Resize, e -> heat.redraw());
        heat.addListener(SWT.MouseDown, this::clicked);
        HoverTips.show(heat, "Accuracy per corruption, the mean over severities; click a cell of a pruned version for "
                + "the samples the corruption flips");
        curves = new Canvas(split, SWT.DOUBLE_BUFFERED);
        curves.setBackground(heat.getBackground());
        curves.addPaintListener(e -> paintCurves(e.gc, curves.getClientArea()));
        curves.addListener(SWT.Resize, e -> curves.redraw());
        split.setWeights(45, 55);
        rowsCombo.addListener(SWT.Selection, e -> {
            if (version != null) {
                request(version);
            }
        });
        curveCombo.addListener(SWT.Selection, e -> {
            if (!updating && table != null) {
                curveOf = table.corruptions().get(curveCombo.getSelectionIndex());
                curves.redraw();
            }
        });
    }

    @Override
    protected void selected(ISelection selection) {
        versionOrLayer(selection, (picked, layer) -> show(picked));
    }

    @Override
    public ISelection getSelection() {
        return selection(version, -1);
    }

    @Override
    protected ModelVersion shownVersion() {
        return requested != null ? requested : version;
    }

    @Override
    protected void clear() {
        version = null;
        requested = null;
        table = null;
        cells.clear();
    }

    /**
     * Shows the table of a version's model.
     *
     * @param picked the version
     */
    public void show(ModelVersion picked) {
        if (picked == null || picked.equals(requested) || requested == null && picked.equals(version)) {
            return;
        }
        request(picked);
    }

    /**
     * Picks the rows.
     *
     * @param every true for every version of the model, false for the root and the selected version
     */
    public void everyVersion(boolean every) {
        rowsCombo.select(every ? 1 : 0);
        if (version != null) {
            request(version);
        }
    }

    private void request(ModelVersion picked) {
        RobustnessLotteryProvider provider = provider();
        boolean every = rowsCombo.getSelectionIndex() == 1;
        progress("Evaluating " + (every ? "every version of " + picked.model() : picked.id() + " and its root")
                + " under each corruption at severities 1–5 (about a minute per version the first time; stored with "
                + "each version)…", table != null);
        requested = picked;
        reading.read("Robustness of " + picked.model() + " " + picked.id(), picked.projectDirectory(),
                monitor -> load(provider, picked, every, monitor), t -> render(picked, t), this::failed);
    }

    private static RobustnessLotteryProvider.Table load(RobustnessLotteryProvider provider, ModelVersion picked,
            boolean every, IProgressMonitor monitor) throws IOException {
        Model model = Model.of(picked);
        List<ModelVersion> rows = every ? model.versions() : List.of(picked);
        return provider.table(model.root(), rows, model.data(), new RobustnessAnalysis().defaultSettings(), monitor);
    }

    private void render(ModelVersion picked, RobustnessLotteryProvider.Table loaded) {
        version = picked;
        requested = null;
        table = loaded;
        if (curveOf == null || !loaded.corruptions().contains(curveOf)) {
            curveOf = loaded.corruptions().isEmpty() ? null : loaded.corruptions().get(0);
        }
        updating = true;
        try {
            fill(curveCombo, loaded.corruptions().stream().map(RobustnessView::name).toList(),
                    curveOf == null ? null : name(curveOf));
        } finally {
            updating = false;
        }
        showPage(headline(loaded));
        GC gc = new GC(heat);
        try {
            int line = gc.getFontMetrics().getHeight();
            int nameWidth = 8 + Math.max(gc.textExtent("version").x, loaded.rows().stream()
                    .mapToInt(r -> gc.textExtent(r.version().id()).x).max().orElse(40));
            int columns = 1 + loaded.corruptions().size() + SUMMARY.size();
            // every column at its narrowest beside the names; headers, a row per version at its smallest, and
            // three lines of legend: below that the table scrolls rather than cuts columns or rows off
            heatScroller.setMinSize(nameWidth + 8 + columns * MIN_CELL_WIDTH,
                    3 * line + 8 + loaded.rows().size() * (line + 6) + 4 * line);
        } finally {
            gc.dispose();
        }
        heat.redraw();
        curves.redraw();
        fireSelectionChanged();
    }

    /**
     * The root's figures and each other row's drop and mCE; with many rows, only the most and the least
     * robust of them (the table has the rest).
     */
    private static String headline(RobustnessLotteryProvider.Table loaded) {
        RobustnessLotteryProvider.Row root = loaded.rows().get(0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%s: clean %.1f %%, mean corruption accuracy %.1f %%", root.version().id(), 100 * root.result().clean(),
                100 * root.result().meanCorruptionAccuracy()));
        List<RobustnessLotteryProvider.Row> others = new ArrayList<>(loaded.rows().subList(1, loaded.rows().size()));
        if (others.size() > 2) {
            others.sort(java.util.Comparator.comparingDouble(RobustnessLotteryProvider.Row::drop));
            text.append("   |   most robust: ").append(describe(others.get(0))).append(";  least: ")
                    .append(describe(others.get(others.size() - 1)));
        } else {
            others.forEach(row -> text.append("   |   ").append(describe(row)));
        }
        return text.append(String.format(Locale.ROOT, "   —   %d test images per cell", root.result().images()))
                .toString();
    }

    private static String describe(RobustnessLotteryProvider.Row row) {
        return String.format(Locale.ROOT, "%s %.1f %% (drop %+.1f points, mCE %.2f)", row.version().id(),
                100 * row.result().meanCorruptionAccuracy(), 100 * row.drop(), row.meanCorruptionError());
    }

    private void failed(String reason) {
        requested = null;
        progress(reason, table != null);
    }

    static String name(String corruption) {
        return CorruptionRegistry.installed().find(corruption).map(ImageCorruption::name).orElse(corruption);
    }

    private static final List<String> SUMMARY = List.of("mean", "drop", "mCE");

    private void paintTable(GC gc, Rectangle bounds) {
        cells.clear();
        if (table == null) {
            return;
        }
        int line = gc.getFontMetrics().getHeight();
        int nameWidth = 8 + table.rows().stream().mapToInt(r -> gc.textExtent(r.version().id()).x).max().orElse(40);
        nameWidth = Math.max(nameWidth, gc.textExtent("version").x + 8);
        int columns = 1 + table.corruptions().size() + SUMMARY.size();
        int cellWidth = Math.max(MIN_CELL_WIDTH, (bounds.width - nameWidth - 8) / columns);
        int rowHeight = Math.max(line + 6, Math.min(2 * line, (bounds.height - 6 * line) / Math.max(1,
                table.rows().size())));
        int top = bounds.y + 3 * line + 8;
        // headers: the family above its columns, the corruption's name below on up to two lines, the
        // family's word left out where the column is narrow ("Gaussian" under "noise")
        gc.setForeground(Colours.TEXT);
        gc.drawText("version", bounds.x + 4, top - line - 2, true);
        List<String> headers = new ArrayList<>(List.of("clean"));
        List<String> families = new ArrayList<>(List.of(""));
        for (String c : table.corruptions()) {
            headers.add(name(c));
            families.add(CorruptionRegistry.installed().find(c).map(ImageCorruption::family).orElse(""));
        }
        headers.addAll(SUMMARY);
        families.addAll(List.of("summary", "", ""));
        String lastFamily = null;
        for (int col = 0; col < columns; col++) {
            int x = bounds.x + nameWidth + col * cellWidth;
            List<String> lines = Headers.lines(gc, headers.get(col), families.get(col), cellWidth - 4);
            gc.setForeground(Colours.TEXT);
            for (int l = 0; l < lines.size(); l++) {
                String text = lines.get(l);
                gc.drawText(text, x + (cellWidth - gc.textExtent(text).x) / 2, top - (lines.size() - l) * line - 2,
                        true);
            }
            String family = families.get(col);
            if (!family.isEmpty() && !family.equals(lastFamily)) {
                gc.setForeground(Colours.AXIS);
                gc.drawText(TextFit.fit(gc, family, 3 * cellWidth), x + 2, top - 3 * line - 4, true);
                gc.drawLine(x, top - 3 * line - 4, x, top - 2 * line - 4);
            }
            lastFamily = family.isEmpty() ? lastFamily : family;
        }
        for (int r = 0; r < table.rows().size(); r++) {
            RobustnessLotteryProvider.Row row = table.rows().get(r);
            int y = top + r * rowHeight;
            gc.setForeground(row.version().equals(version) ? Colours.HIGHLIGHT : Colours.TEXT);
            gc.drawText(TextFit.fit(gc, row.version().id(), nameWidth - 4), bounds.x + 4, y + (rowHeight - line) / 2,
                    true);
            List<Double> values = new ArrayList<>(List.of(row.result().clean()));
            table.corruptions().forEach(c -> values.add(row.result().meanOf(c)));
            for (int col = 0; col < columns; col++) {
                Rectangle cell = new Rectangle(bounds.x + nameWidth + col * cellWidth, y, cellWidth - 2, rowHeight - 2);
                RGB fill;
                String text;
                if (col < values.size()) {
                    fill = Colours.heat(values.get(col));
                    text = String.format(Locale.ROOT, "%.1f", 100 * values.get(col));
                } else if (col == values.size()) {
                    fill = Colours.heat(row.result().meanCorruptionAccuracy());
                    text = String.format(Locale.ROOT, "%.1f", 100 * row.result().meanCorruptionAccuracy());
                } else if (col == values.size() + 1) {
                    fill = Colours.change(row.drop() * 10);
                    text = r == 0 ? "—" : String.format(Locale.ROOT, "%+.1f", 100 * row.drop());
                } else {
                    fill = Colours.change((row.meanCorruptionError() - 1) * 3);
                    text = String.format(Locale.ROOT, "%.2f", row.meanCorruptionError());
                }
                Color background = new Color(fill);
                gc.setBackground(background);
                gc.fillRectangle(cell);
                boolean picked = col > 0 && col < values.size() && table.corruptions().get(col - 1).equals(curveOf);
                if (picked) {
                    gc.setForeground(Colours.HIGHLIGHT);
                    gc.drawRectangle(cell.x, cell.y, cell.width - 1, cell.height - 1);
                }
                gc.setForeground(new Color(Colours.textOn(fill)));
                Point size = gc.textExtent(text);
                gc.drawText(text, cell.x + (cell.width - size.x) / 2, cell.y + (cell.height - size.y) / 2, true);
                cells.add(new Cell(row.version(), col > 0 && col < values.size() ? table.corruptions().get(col - 1)
                        : null, cell));
            }
        }
        gc.setForeground(Colours.AXIS);
        int legendY = top + table.rows().size() * rowHeight + 4;
        String legend = "Accuracy (%) on " + table.rows().get(0).result().images() + " test images, the mean over "
                + "severities " + table.severities() + ".  Drop: points of mean accuracy lost against the root.  "
                + "mCE: the errors under each corruption over the root's (ImageNet-C), averaged; below 1 more robust.";
        for (String text : TextFit.wrap(gc, legend, bounds.width - 8)) {
            gc.drawText(text, bounds.x + 4, legendY, true);
            legendY += line;
        }
    }

    private void clicked(Event e) {
        for (Cell cell : cells) {
            if (cell.bounds().contains(e.x, e.y) && cell.corruption() != null) {
                pick(cell);
                return;
            }
        }
    }

    /**
     * Picks a cell: its corruption's curves below, and its samples in the Fragile Samples view when it is
     * a pruned version's.
     *
     * @param cell the cell
     */
    public void pick(Cell cell) {
        curveOf = cell.corruption();
        updating = true;
        try {
            curveCombo.select(table.corruptions().indexOf(curveOf));
        } finally {
            updating = false;
        }
        heat.redraw();
        curves.redraw();
        if (cell.row().equals(table.root())) {
            return;
        }
        IWorkbenchPage page = getSite().getPage();
        try {
            FragileSamplesView fragile = (FragileSamplesView) page.showView(FragileSamplesView.ID, null,
                    IWorkbenchPage.VIEW_VISIBLE);
            fragile.show(new SelectedCell(cell.row(), cell.corruption(), CELL_SEVERITY));
        } catch (PartInitException ex) {
            headline.setText("The Fragile Samples view cannot open: " + ex.getMessage());
        }
    }

    private void paintCurves(GC gc, Rectangle bounds) {
        if (table == null || curveOf == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        int line = gc.getFontMetrics().getHeight();
        int keyWidth = 24 + table.rows().stream().mapToInt(r -> gc.textExtent(r.version().id()).x).max().orElse(40);
        // the key in as many columns as the plot's height needs
        int perColumn = Math.max(1, (bounds.height - 3 * line) / (line + 2));
        int keyColumns = (table.rows().size() + perColumn - 1) / perColumn;
        Rectangle area = new Rectangle(bounds.x, bounds.y + 2, bounds.width - keyColumns * keyWidth - 8,
                bounds.height - 4);
        Plot plot = Plot.draw(gc, area, new double[] {0, 5}, new double[] {0, 100},
                "severity (0: clean images)", "accuracy (%)", "Accuracy under " + name(curveOf) + " by severity", true);
        // the root and the selected version drawn last and thick, over the others
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            order.add(r);
        }
        order.sort(java.util.Comparator.comparing(r -> r == 0 || table.rows().get(r).version().equals(version)));
        for (int r : order) {
            RobustnessLotteryProvider.Row row = table.rows().get(r);
            boolean bold = r == 0 || row.version().equals(version);
            Color colour = Colours.ofVersion(r);
            gc.setForeground(colour);
            gc.setBackground(colour);
            gc.setLineWidth(bold ? 3 : 1);
            int dot = bold ? 7 : 4;
            int px = plot.x(0);
            int py = plot.y(100 * row.result().clean());
            gc.fillOval(px - dot / 2, py - dot / 2, dot, dot);
            for (int severity = 1; severity <= 5; severity++) {
                double accuracy = row.result().accuracy(curveOf, severity);
                if (Double.isNaN(accuracy)) {
                    continue;
                }
                int x = plot.x(severity);
                int y = plot.y(100 * accuracy);
                gc.drawLine(px, py, x, y);
                gc.fillOval(x - dot / 2, y - dot / 2, dot, dot);
                px = x;
                py = y;
            }
            int keyX = area.x + area.width + 8 + (r / perColumn) * keyWidth;
            int keyY = plot.area.y + (r % perColumn) * (line + 2);
            gc.drawLine(keyX, keyY + line / 2, keyX + 14, keyY + line / 2);
            gc.setForeground(Colours.TEXT);
            gc.drawText(row.version().id(), keyX + 18, keyY, true);
        }
        gc.setLineWidth(1);
    }

    @Override
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (table == null) {
            return rows;
        }
        rows.add(List.of("version", "corruption", "severity", "accuracy", "drop_vs_root", "corruption_error_vs_root"));
        for (RobustnessLotteryProvider.Row row : table.rows()) {
            rows.add(List.of(row.version().id(), "clean", "0", number(row.result().clean()), "", ""));
            for (RobustnessAnalysis.Cell cell : row.result().cells()) {
                int column = table.corruptions().indexOf(cell.corruption());
                rows.add(List.of(row.version().id(), cell.corruption(), String.valueOf(cell.severity()),
                        number(cell.accuracy()), "", column < 0 ? "" : number(row.corruptionErrors().get(column))));
            }
            rows.add(List.of(row.version().id(), "mean", "", number(row.result().meanCorruptionAccuracy()),
                    number(row.drop()), number(row.meanCorruptionError())));
        }
        return rows;
    }

    @Override
    protected String exportName() {
        return version == null ? "robustness" : "robustness-" + version.model() + "-" + version.id();
    }

    /**
     * The table shown, for tests.
     *
     * @return the table, or null
     */
    public RobustnessLotteryProvider.Table shownTable() {
        return table;
    }

    /**
     * The cells drawn, for tests.
     *
     * @return the cells, row by row
     */
    public List<Cell> cells() {
        return List.copyOf(cells);
    }

    /**
     * The corruption whose curves are drawn, for tests.
     *
     * @return its id
     */
    public String curveOf() {
        return curveOf;
    }
}
