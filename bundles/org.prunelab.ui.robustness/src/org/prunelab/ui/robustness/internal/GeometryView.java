package org.prunelab.ui.robustness.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.prunelab.analyses.GeometryAnalysis;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.geometry.SampleGeometry;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.export.ViewExport;

/**
 * The Geometry view ("Robustness Lottery", Li et al.): every test sample in the last feature layer of a
 * version and of the version it is compared with (the root unless picked), side by side on the same axes —
 * its angle to its true class's weight row against its length ‖x‖, coloured by class; beside them each
 * class's histogram of margins, both versions overlaid; and, on a second tab, the global geometry of every
 * version whose geometry is stored as parallel coordinates. A sample picked here or in the Fragile Samples
 * view is ringed in both plots.
 */
public final class GeometryView extends LotteryView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.GEOMETRY;

    private static final String NONE = "(none)";

    /** The parallel coordinates' axes: a version's means over the test set. */
    static final List<String> AXES = List.of("accuracy", "length ‖x‖", "angle to true class (°)", "margin",
            "angular margin (°)");

    /**
     * What a job read: the model, the two versions and their geometry, and every stored one.
     *
     * @param model the model's versions
     * @param version the version shown first
     * @param compared the version beside it, or null
     * @param geometry the version's geometry
     * @param comparedGeometry the other's, or null
     * @param stored the geometry of every version computed so far, by version id
     */
    public record Loaded(Model model, ModelVersion version, ModelVersion compared, GeometryAnalysis.Result geometry,
            GeometryAnalysis.Result comparedGeometry, Map<String, GeometryAnalysis.Result> stored) {
    }

    /** The height in pixels below which the plots scroll instead of shrinking further. */
    private static final int MIN_PLOT_HEIGHT = 380;

    private Combo versionCombo;
    private Combo comparedCombo;
    private Combo classCombo;
    private Button everyVersion;
    private CTabFolder tabs;
    private Canvas scatter;
    private Canvas histograms;
    private Canvas parallel;
    private Loaded shown;
    private ModelVersion requested;
    private int highlighted = -1;
    private boolean updating;
    private final List<Plot> scatterPlots = new ArrayList<>();

    @Override
    protected String nothingSelected() {
        return "Select a version in the Exploration Tree to see its test samples in the last feature layer: angle, "
                + "length and margin, beside its root's.";
    }

    @Override
    protected void createContent(Composite parent) {
        versionCombo = combo("Version:", "The version whose samples are plotted on the left");
        comparedCombo = combo("Compared with:", "The version plotted on the right, on the same axes: the root unless "
                + "you pick another");
        classCombo = combo("Class:", "Plot the samples of one true class");
        everyVersion = new Button(controls, SWT.PUSH);
        everyVersion.setText("Every version");
        everyVersion.setToolTipText("Compute the geometry of every version of the model (one pass over the test set "
                + "each, stored) for the parallel coordinates of the All versions tab");
        everyVersion.addListener(SWT.Selection, e -> computeEveryVersion());
        tabs = new CTabFolder(parent, SWT.BORDER | SWT.FLAT);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
        // below a readable height the plots scroll rather than shrink (a short view at 1280 × 800)
        ScrolledComposite samplesScroller = scroller(tabs, MIN_PLOT_HEIGHT);
        SashForm samples = new SashForm(samplesScroller, SWT.HORIZONTAL);
        scatter = canvas(samples, this::paintScatter);
        scatter.addListener(SWT.MouseDown, this::clicked);
        HoverTips.show(scatter, "Each dot a test sample: x its angle to its true class's weight row, y its length; "
                + "click one to pick it");
        histograms = canvas(samples, this::paintHistograms);
        samples.setWeights(62, 38);
        samplesScroller.setContent(samples);
        CTabItem first = new CTabItem(tabs, SWT.NONE);
        first.setText("Samples");
        first.setControl(samplesScroller);
        ScrolledComposite parallelScroller = scroller(tabs, MIN_PLOT_HEIGHT);
        parallel = canvas(parallelScroller, this::paintParallel);
        parallelScroller.setContent(parallel);
        CTabItem second = new CTabItem(tabs, SWT.NONE);
        second.setText("All versions");
        second.setControl(parallelScroller);
        tabs.setSelection(0);
        versionCombo.addListener(SWT.Selection, e -> repick());
        comparedCombo.addListener(SWT.Selection, e -> repick());
        classCombo.addListener(SWT.Selection, e -> redraw());
    }

    private static ScrolledComposite scroller(Composite parent, int minHeight) {
        ScrolledComposite scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.setMinHeight(minHeight);
        return scroller;
    }

    private static Canvas canvas(Composite parent, java.util.function.BiConsumer<GC, Rectangle> painter) {
        Canvas canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> painter.accept(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.Resize, e -> canvas.redraw());
        return canvas;
    }

    @Override
    protected void selected(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof SelectedSample sample) {
            highlight(sample.index());
            // the ring is on the samples' plots
            tabs.setSelection(0);
            if (shown == null || !sample.version().equals(shown.version())
                    && !sample.version().equals(shown.compared())) {
                show(sample.version());
            }
            return;
        }
        versionOrLayer(selection, (version, layer) -> show(version));
    }

    @Override
    public ISelection getSelection() {
        return selection(shown == null ? null : shown.version(), highlighted);
    }

    @Override
    protected ModelVersion shownVersion() {
        return shown != null ? shown.version() : requested;
    }

    @Override
    protected void clear() {
        shown = null;
        requested = null;
        highlighted = -1;
    }

    /**
     * Shows a version beside the one it is compared with (kept when it is of the same model, else the root).
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        if (version == null || version.equals(requested) || requested == null && shown != null
                && version.equals(shown.version())) {
            return;
        }
        String compared = shown != null && shown.version().model().equals(version.model()) && shown.compared() != null
                && !shown.compared().equals(version) ? shown.compared().id() : null;
        request(version, compared, compared == null);
    }

    private void repick() {
        if (updating || shown == null) {
            return;
        }
        ModelVersion version = shown.model().versions().get(versionCombo.getSelectionIndex());
        String compared = comparedCombo.getText();
        request(version, NONE.equals(compared) ? "" : compared, false);
    }

    /**
     * Reads or computes the geometry of a version and of another.
     *
     * @param version the version
     * @param comparedId the other's id, "" for none, null for the root
     * @param rootByDefault whether a null id means the root
     */
    private void request(ModelVersion version, String comparedId, boolean rootByDefault) {
        RobustnessLotteryProvider provider = provider();
        progress("Reading the geometry of " + version.id() + " (one pass over the test set the first time; stored "
                + "with the version)…", shown != null);
        requested = version;
        reading.read("Geometry of " + version.model() + " " + version.id(), version.projectDirectory(),
                monitor -> load(provider, version, comparedId, rootByDefault, monitor), this::render, this::failed);
    }

    private void computeEveryVersion() {
        if (shown == null) {
            return;
        }
        RobustnessLotteryProvider provider = provider();
        ModelVersion version = shown.version();
        String compared = shown.compared() == null ? "" : shown.compared().id();
        progress("Computing the geometry of every version of " + version.model() + "…", true);
        requested = version;
        reading.read("Geometry of every version of " + version.model(), version.projectDirectory(), monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, "Geometry of every version", 2);
            Model model = Model.of(version);
            SubMonitor each = sub.split(1).setWorkRemaining(model.versions().size());
            for (ModelVersion v : model.versions()) {
                provider.geometry(v, model.data(), each.split(1));
            }
            return load(provider, version, compared, false, sub.split(1));
        }, loaded -> {
            render(loaded);
            tabs.setSelection(1);
        }, this::failed);
    }

    private static Loaded load(RobustnessLotteryProvider provider, ModelVersion version, String comparedId,
            boolean rootByDefault, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Geometry of " + version.id(), 3);
        Model model = Model.of(version);
        ModelVersion compared = comparedId == null ? (rootByDefault && !version.equals(model.root()) ? model.root() : null)
                : comparedId.isEmpty() ? null : model.find(comparedId);
        GeometryAnalysis.Result geometry = provider.geometry(version, model.data(), sub.split(1));
        GeometryAnalysis.Result other = compared == null ? null : provider.geometry(compared, model.data(), sub.split(1));
        Map<String, GeometryAnalysis.Result> stored = new TreeMap<>();
        SubMonitor rest = sub.split(1).setWorkRemaining(model.versions().size());
        for (ModelVersion v : model.versions()) {
            provider.storedGeometry(v, model.data()).ifPresent(g -> stored.put(v.id(), g));
            rest.split(1);
        }
        return new Loaded(model, version, compared, geometry, other, stored);
    }

    private void render(Loaded loaded) {
        shown = loaded;
        requested = null;
        updating = true;
        try {
            fill(versionCombo, loaded.model().ids(), loaded.version().id());
            List<String> others = new ArrayList<>();
            others.add(NONE);
            others.addAll(loaded.model().ids());
            fill(comparedCombo, others, loaded.compared() == null ? NONE : loaded.compared().id());
            List<String> classes = new ArrayList<>();
            classes.add("All classes");
            classes.addAll(loaded.geometry().classNames());
            int chosen = classCombo.getSelectionIndex();
            fill(classCombo, classes, chosen > 0 && chosen < classes.size() ? classes.get(chosen) : null);
        } finally {
            updating = false;
        }
        showPage(headline(loaded));
        redraw();
        fireSelectionChanged();
    }

    private static String headline(Loaded loaded) {
        StringBuilder text = new StringBuilder(describe(loaded.version(), loaded.geometry()));
        if (loaded.compared() != null) {
            text.append("   |   ").append(describe(loaded.compared(), loaded.comparedGeometry()));
            List<GeometryAnalysis.SampleChange> changes = changes(loaded);
            long closer = changes.stream().filter(c -> c.margin() < 0).count();
            long broken = changes.stream().filter(GeometryAnalysis.SampleChange::broken).count();
            text.append(String.format(Locale.ROOT, "   |   from %s to %s: %d of %d samples closer to a boundary, %d "
                    + "no longer classified right", loaded.compared().id(), loaded.version().id(), closer,
                    changes.size(), broken));
        }
        return text.append("   (classifier ").append(loaded.geometry().classifier()).append(')').toString();
    }

    private static String describe(ModelVersion version, GeometryAnalysis.Result g) {
        double[] means = means(g);
        return String.format(Locale.ROOT, "%s: accuracy %.1f %%, mean length %.2f, angle %.1f°, margin %.3f",
                version.id(), 100 * means[0], means[1], means[2], means[3]);
    }

    /**
     * A version's global geometry: the parallel coordinates' values.
     *
     * @param g its geometry
     * @return accuracy, mean length, mean angle to the true class in degrees, mean margin, mean angular margin
     *         in degrees
     */
    public static double[] means(GeometryAnalysis.Result g) {
        double[] sum = new double[5];
        int angles = 0;
        for (SampleGeometry s : g.samples()) {
            sum[0] += s.correct() ? 1 : 0;
            sum[1] += s.length();
            sum[3] += s.margin();
            if (!Double.isNaN(s.angleTrue())) {
                angles++;
                sum[2] += Math.toDegrees(s.angleTrue());
                sum[4] += Math.toDegrees(s.angularMargin());
            }
        }
        int n = Math.max(1, g.samples().size());
        return new double[] {sum[0] / n, sum[1] / n, sum[2] / Math.max(1, angles), sum[3] / n,
                sum[4] / Math.max(1, angles)};
    }

    private void failed(String reason) {
        requested = null;
        progress(reason, shown != null);
    }

    private void redraw() {
        scatter.redraw();
        histograms.redraw();
        parallel.redraw();
    }

    /**
     * Rings a sample in both plots.
     *
     * @param index the test image, −1 for none
     */
    public void highlight(int index) {
        highlighted = index;
        redraw();
    }

    private int classFilter() {
        return classCombo.getSelectionIndex() - 1;
    }

    private void paintScatter(GC gc, Rectangle bounds) {
        scatterPlots.clear();
        if (shown == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        List<GeometryAnalysis.Result> panels = new ArrayList<>(List.of(shown.geometry()));
        List<ModelVersion> versions = new ArrayList<>(List.of(shown.version()));
        if (shown.comparedGeometry() != null) {
            panels.add(shown.comparedGeometry());
            versions.add(shown.compared());
        }
        // both panels share their axes, so a sample that moved is seen moving
        // and they span the samples, not zero to the largest: the angles of a trained network lie in a narrow band
        double[] angle = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] length = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (GeometryAnalysis.Result g : panels) {
            for (SampleGeometry s : g.samples()) {
                if (!Double.isNaN(s.angleTrue())) {
                    angle[0] = Math.min(angle[0], Math.toDegrees(s.angleTrue()));
                    angle[1] = Math.max(angle[1], Math.toDegrees(s.angleTrue()));
                }
                length[0] = Math.min(length[0], s.length());
                length[1] = Math.max(length[1], s.length());
            }
        }
        double[] xRange = Plot.around(angle[0], angle[1]);
        double[] yRange = Plot.around(length[0], length[1]);
        int line = gc.getFontMetrics().getHeight();
        int legendHeight = paintClassLegend(gc, bounds, shown.geometry().classNames(), false);
        Rectangle legend = new Rectangle(bounds.x, bounds.y + bounds.height - legendHeight, bounds.width, legendHeight);
        int width = bounds.width / panels.size();
        int filter = classFilter();
        for (int p = 0; p < panels.size(); p++) {
            Rectangle area = new Rectangle(bounds.x + p * width, bounds.y + 2, width, bounds.height - legend.height - 2);
            GeometryAnalysis.Result g = panels.get(p);
            Plot plot = Plot.draw(gc, area, xRange, yRange, "angle to the true class's weight row (°)", "length ‖x‖",
                    versions.get(p).id() + (p == 0 ? "" : " (compared)") + " — " + g.samples().size() + " samples", false);
            scatterPlots.add(plot);
            gc.setClipping(plot.area);
            // wrong predictions are drawn hollow, the right ones filled, each class in its colour
            for (SampleGeometry s : g.samples()) {
                if (Double.isNaN(s.angleTrue()) || filter >= 0 && s.label() != filter) {
                    continue;
                }
                int x = plot.x(Math.toDegrees(s.angleTrue()));
                int y = plot.y(s.length());
                if (s.correct()) {
                    gc.setBackground(Colours.ofClass(s.label()));
                    gc.fillRectangle(x - 1, y - 1, 3, 3);
                } else {
                    gc.setForeground(Colours.ofClass(s.label()));
                    gc.drawRectangle(x - 2, y - 2, 4, 4);
                }
            }
            if (highlighted >= 0 && highlighted < g.samples().size()) {
                SampleGeometry s = g.samples().get(highlighted);
                if (s.index() == highlighted && !Double.isNaN(s.angleTrue())) {
                    int x = plot.x(Math.toDegrees(s.angleTrue()));
                    int y = plot.y(s.length());
                    gc.setForeground(Colours.HIGHLIGHT);
                    gc.setLineWidth(2);
                    gc.drawOval(x - 7, y - 7, 14, 14);
                    gc.setLineWidth(1);
                    String label = "#" + s.index() + " " + g.classNames().get(s.label()) + " → "
                            + g.classNames().get(s.predicted());
                    // on a white box: the label sits over a cloud of dots
                    int lx = Math.max(plot.area.x + 2, Math.min(x + 9, plot.area.x + plot.area.width
                            - gc.textExtent(label).x - 4));
                    int ly = Math.max(plot.area.y + 2, y - line - 8);
                    gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
                    gc.fillRectangle(lx - 2, ly, gc.textExtent(label).x + 4, line);
                    gc.drawRectangle(lx - 2, ly, gc.textExtent(label).x + 4, line);
                    gc.drawText(label, lx, ly, true);
                }
            }
            gc.setClipping((Rectangle) null);
        }
        paintClassLegend(gc, legend, shown.geometry().classNames(), true);
    }

    /**
     * The classes' colours under the plots, on as many rows as the width needs.
     *
     * @return the height it takes
     */
    private static int paintClassLegend(GC gc, Rectangle area, List<String> classes, boolean paint) {
        int line = gc.getFontMetrics().getHeight();
        List<String> items = new ArrayList<>(classes);
        items.add("hollow: misclassified");
        int each = 0;
        for (String item : items) {
            each = Math.max(each, gc.textExtent(item).x + 22);
        }
        int perRow = Math.max(1, (area.width - 8) / each);
        int rows = (items.size() + perRow - 1) / perRow;
        if (paint) {
            for (int i = 0; i < items.size(); i++) {
                int x = area.x + 8 + (i % perRow) * each;
                int y = area.y + (i / perRow) * line;
                if (i < classes.size()) {
                    gc.setBackground(Colours.ofClass(i));
                    gc.fillRectangle(x, y + line / 2 - 4, 8, 8);
                } else {
                    gc.setForeground(Colours.AXIS);
                    gc.drawRectangle(x + 2, y + line / 2 - 2, 4, 4);
                }
                gc.setForeground(i < classes.size() ? Colours.TEXT : Colours.AXIS);
                gc.drawText(items.get(i), x + 12, y, true);
            }
        }
        return rows * line + 4;
    }

    private void clicked(Event e) {
        if (shown == null) {
            return;
        }
        List<GeometryAnalysis.Result> panels = new ArrayList<>(List.of(shown.geometry()));
        if (shown.comparedGeometry() != null) {
            panels.add(shown.comparedGeometry());
        }
        int best = -1;
        int bestDistance = 8 * 8;
        int filter = classFilter();
        for (int p = 0; p < Math.min(panels.size(), scatterPlots.size()); p++) {
            Plot plot = scatterPlots.get(p);
            if (!plot.area.contains(e.x, e.y)) {
                continue;
            }
            for (SampleGeometry s : panels.get(p).samples()) {
                if (Double.isNaN(s.angleTrue()) || filter >= 0 && s.label() != filter) {
                    continue;
                }
                int dx = plot.x(Math.toDegrees(s.angleTrue())) - e.x;
                int dy = plot.y(s.length()) - e.y;
                if (dx * dx + dy * dy < bestDistance) {
                    bestDistance = dx * dx + dy * dy;
                    best = s.index();
                }
            }
        }
        highlight(best);
        fireSelectionChanged();
    }

    /**
     * The margins of each class as a ridge of histograms, one row per class on a shared margin axis, the
     * version's and the compared one's overlaid; each row scaled to its own largest bin.
     */
    private void paintHistograms(GC gc, Rectangle bounds) {
        if (shown == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        List<String> classes = shown.geometry().classNames();
        int filter = classFilter();
        List<Integer> drawn = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            if (filter < 0 || filter == c) {
                drawn.add(c);
            }
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (GeometryAnalysis.Result g : results()) {
            for (SampleGeometry s : g.samples()) {
                lo = Math.min(lo, s.margin());
                hi = Math.max(hi, s.margin());
            }
        }
        double[] range = Plot.around(Math.min(lo, 0), Math.max(hi, 0));
        int line = gc.getFontMetrics().getHeight();
        gc.setForeground(Colours.TEXT);
        gc.drawText(TextFit.fit(gc, "Margin per class (left of 0: misclassified)", bounds.width - 8), bounds.x + 4,
                bounds.y + 2, true);
        paintVersionKey(gc, bounds.x + 4, bounds.y + 4 + line);
        int labels = 0;
        for (int c : drawn) {
            labels = Math.max(labels, gc.textExtent(classes.get(c)).x);
        }
        int left = bounds.x + Math.min(labels, bounds.width / 3) + 10;
        int right = bounds.x + bounds.width - 10;
        int top = bounds.y + 3 * line + 10;
        int bottom = bounds.y + bounds.height - 2 * line - 6;
        if (right - left < 20 || bottom - top < drawn.size() * 6) {
            return;
        }
        double span = range[1] - range[0];
        java.util.function.DoubleToIntFunction x = v -> left + (int) Math.round((v - range[0]) / span * (right - left));
        for (double t : Plot.ticks(range[0], range[1], Math.max(2, (right - left) / 60))) {
            int px = x.applyAsInt(t);
            gc.setForeground(t == 0 ? Colours.AXIS : Colours.GRID);
            gc.drawLine(px, top, px, bottom);
            gc.setForeground(Colours.AXIS);
            String text = Math.abs(t - Math.rint(t)) < 1e-9 ? String.valueOf((long) Math.rint(t))
                    : String.format(Locale.ROOT, "%.1f", t);
            gc.drawText(text, px - gc.textExtent(text).x / 2, bottom + 2, true);
        }
        String title = "margin (distance to the nearest decision boundary)";
        title = TextFit.fit(gc, title, right - left);
        gc.drawText(title, left + (right - left - gc.textExtent(title).x) / 2, bottom + line + 4, true);
        int bins = 30;
        int rowHeight = (bottom - top) / drawn.size();
        for (int i = 0; i < drawn.size(); i++) {
            int c = drawn.get(i);
            int base = top + (i + 1) * rowHeight;
            gc.setForeground(Colours.TEXT);
            gc.drawText(TextFit.fit(gc, classes.get(c), left - bounds.x - 8), bounds.x + 4, base - rowHeight / 2
                    - line / 2, true);
            gc.setForeground(Colours.GRID);
            gc.drawLine(left, base, right, base);
            List<GeometryAnalysis.Result> all = results();
            for (int r = all.size() - 1; r >= 0; r--) {
                int[] h = new int[bins];
                int most = 1;
                for (SampleGeometry s : all.get(r).samples()) {
                    if (s.label() == c) {
                        int b = Math.min(bins - 1, (int) ((s.margin() - range[0]) / span * bins));
                        most = Math.max(most, ++h[b]);
                    }
                }
                gc.setForeground(r == 0 ? Colours.COMPARED : Colours.BASELINE);
                gc.setLineWidth(r == 0 ? 2 : 1);
                int previous = base;
                for (int b = 0; b < bins; b++) {
                    int x0 = x.applyAsInt(range[0] + span * b / bins);
                    int x1 = x.applyAsInt(range[0] + span * (b + 1) / bins);
                    int y = base - (int) Math.round((double) h[b] / most * (rowHeight - 3));
                    gc.drawLine(x0, previous, x0, y);
                    gc.drawLine(x0, y, x1, y);
                    previous = y;
                }
                gc.drawLine(right, previous, right, base);
            }
            gc.setLineWidth(1);
        }
    }

    private void paintVersionKey(GC gc, int x, int y) {
        int line = gc.getFontMetrics().getHeight();
        gc.setBackground(Colours.COMPARED);
        gc.fillRectangle(x, y + line / 2 - 1, 14, 3);
        gc.setForeground(Colours.TEXT);
        gc.drawText(shown.version().id(), x + 18, y, true);
        if (shown.compared() != null) {
            int next = x + 30 + gc.textExtent(shown.version().id()).x;
            gc.setBackground(Colours.BASELINE);
            gc.fillRectangle(next, y + line / 2, 14, 1);
            gc.drawText(shown.compared().id(), next + 18, y, true);
        }
    }

    /** How each sample moved from the version beside to the selected one. */
    private static List<GeometryAnalysis.SampleChange> changes(Loaded loaded) {
        return GeometryAnalysis.changes(loaded.comparedGeometry(), loaded.geometry());
    }

    private List<GeometryAnalysis.Result> results() {
        List<GeometryAnalysis.Result> out = new ArrayList<>(List.of(shown.geometry()));
        if (shown.comparedGeometry() != null) {
            out.add(shown.comparedGeometry());
        }
        return out;
    }

    private void paintParallel(GC gc, Rectangle bounds) {
        if (shown == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        int line = gc.getFontMetrics().getHeight();
        gc.setForeground(Colours.TEXT);
        gc.drawText(TextFit.fit(gc, "Means over the test set of every version whose geometry is computed ("
                + shown.stored().size() + "), a line each; \"Every version\" adds the others", bounds.width - 12),
                bounds.x + 6, bounds.y + 4, true);
        Map<String, double[]> values = new TreeMap<>();
        shown.stored().forEach((id, g) -> values.put(id, means(g)));
        if (values.isEmpty()) {
            return;
        }
        double[] lo = new double[AXES.size()];
        double[] hi = new double[AXES.size()];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] v : values.values()) {
            for (int a = 0; a < v.length; a++) {
                lo[a] = Math.min(lo[a], v[a]);
                hi[a] = Math.max(hi[a], v[a]);
            }
        }
        int labelRight = 90;
        int left = bounds.x + 60;
        int right = bounds.x + bounds.width - labelRight;
        int top = bounds.y + 3 * line + 8;
        int bottom = bounds.y + bounds.height - 2 * line - 8;
        int gap = (right - left) / Math.max(1, AXES.size() - 1);
        for (int a = 0; a < AXES.size(); a++) {
            int x = left + a * gap;
            gc.setForeground(Colours.AXIS);
            gc.drawLine(x, top, x, bottom);
            String title = TextFit.fit(gc, AXES.get(a), gap - 8);
            gc.drawText(title, x - gc.textExtent(title).x / 2, top - 2 * line - 4, true);
            String high = String.format(Locale.ROOT, a == 0 ? "%.1f %%" : "%.3g", a == 0 ? 100 * hi[a] : hi[a]);
            String low = String.format(Locale.ROOT, a == 0 ? "%.1f %%" : "%.3g", a == 0 ? 100 * lo[a] : lo[a]);
            gc.drawText(high, x - gc.textExtent(high).x / 2, top - line - 2, true);
            gc.drawText(low, x - gc.textExtent(low).x / 2, bottom + 2, true);
        }
        int position = 0;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            boolean picked = e.getKey().equals(shown.version().id());
            boolean other = shown.compared() != null && e.getKey().equals(shown.compared().id());
            gc.setForeground(picked ? Colours.COMPARED : other ? Colours.BASELINE : Colours.ofVersion(2 + position++));
            gc.setLineWidth(picked || other ? 3 : 1);
            int previousX = -1;
            int previousY = -1;
            for (int a = 0; a < AXES.size(); a++) {
                int x = left + a * gap;
                double span = hi[a] - lo[a];
                int y = span == 0 ? (top + bottom) / 2 : bottom - (int) Math.round((e.getValue()[a] - lo[a]) / span
                        * (bottom - top));
                if (previousX >= 0) {
                    gc.drawLine(previousX, previousY, x, y);
                }
                previousX = x;
                previousY = y;
            }
            gc.setLineWidth(1);
            gc.drawText(e.getKey(), previousX + 6, previousY - line / 2, true);
        }
    }

    @Override
    protected ImageData picture() {
        return ViewExport.capture(tabs);
    }

    @Override
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (shown == null) {
            return rows;
        }
        // with a version beside, the selected version's rows also say how each sample moved from that one
        rows.add(List.of("version", "index", "label", "class", "predicted", "length", "angle_true_deg",
                "angle_predicted_deg", "margin", "angular_margin_deg", "change_from", "length_change",
                "angle_true_change_deg", "margin_change", "angular_margin_change_deg"));
        Map<Integer, GeometryAnalysis.SampleChange> changes = new HashMap<>();
        if (shown.compared() != null) {
            changes(shown).forEach(c -> changes.put(c.index(), c));
        }
        for (int p = 0; p < results().size(); p++) {
            GeometryAnalysis.Result g = results().get(p);
            String id = p == 0 ? shown.version().id() : shown.compared().id();
            for (SampleGeometry s : g.samples()) {
                List<String> row = new ArrayList<>(List.of(id, String.valueOf(s.index()), String.valueOf(s.label()),
                        g.classNames().get(s.label()), String.valueOf(s.predicted()), number(s.length()),
                        number(Math.toDegrees(s.angleTrue())), number(Math.toDegrees(s.anglePredicted())),
                        number(s.margin()), number(Math.toDegrees(s.angularMargin()))));
                GeometryAnalysis.SampleChange c = p == 0 ? changes.get(s.index()) : null;
                if (c == null) {
                    row.addAll(List.of("", "", "", "", ""));
                } else {
                    row.addAll(List.of(shown.compared().id(), number(c.length()), number(Math.toDegrees(c.angleTrue())),
                            number(c.margin()), number(Math.toDegrees(c.angularMargin()))));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Override
    protected String exportName() {
        return shown == null ? "geometry" : "geometry-" + shown.version().model() + "-" + shown.version().id();
    }

    /**
     * What the view shows, for tests.
     *
     * @return the loaded geometry, or null
     */
    public Loaded loaded() {
        return shown;
    }

    /**
     * The sample ringed, for tests.
     *
     * @return its index, or −1
     */
    public int highlighted() {
        return highlighted;
    }

    /**
     * The scatter plots' pixels, for tests.
     *
     * @return the picture of the Samples tab's plots
     */
    public ImageData scatterPicture() {
        return ViewExport.capture(scatter);
    }
}
