package org.prunelab.ui.planning.internal;

import java.io.IOException;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.LineStyle;
import org.eclipse.swtchart.Range;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.surgery.ChannelGroup;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.ui.AnalysisView;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.internal.sensitivity.LayerSensitivityDialog;
import org.prunelab.ui.internal.sensitivity.LayerSensitivityJob;

/**
 * CNNPruner's layer sensitivity of the selected version: one curve per prunable layer (channel group),
 * the accuracy left against the share of its channels removed, from the curves stored with the version.
 * Hovering a point gives the layer and its figures; clicking a curve selects its layer in every view.
 * Measure… computes curves for another metric or other shares, in a job.
 */
public final class SensitivityView extends AnalysisView {

    /** The view's id. */
    public static final String ID = "org.prunelab.ui.views.sensitivity";

    /** Distinct colours for the curves, repeated beyond ten layers (the one picked is drawn thick). */
    private static final RGB[] PALETTE = {new RGB(31, 119, 180), new RGB(255, 127, 14), new RGB(44, 160, 44),
        new RGB(214, 39, 40), new RGB(148, 103, 189), new RGB(140, 86, 75), new RGB(227, 119, 194),
        new RGB(127, 127, 127), new RGB(188, 189, 34), new RGB(23, 190, 207)};

    /** The height in pixels below which the chart scrolls instead of shrinking further. */
    private static final int MIN_CHART_HEIGHT = 300;

    /** How close, in pixels, the pointer must be to a point for it to be hovered or clicked. */
    private static final int REACH = 10;

    /**
     * What a job read for a version.
     *
     * @param version the version
     * @param curves every layer sensitivity stored with it
     * @param metricNames the name of each curve set's metric, in the same order
     * @param groups its prunable channel groups, in network order
     */
    public record Loaded(ModelVersion version, List<SensitivityCurves> curves, List<String> metricNames,
            List<ChannelGroup> groups) {
    }

    private Combo curvesCombo;
    private Chart chart;
    private final List<Color> colours = new ArrayList<>();
    private Loaded shown;
    private int chosen;
    private String pickedGroup;
    private boolean updating;

    @Override
    protected String nothingSelected() {
        return "Select a version in the Exploration Tree to see how its accuracy falls as each layer alone is pruned "
                + "(CNNPruner's layer sensitivity).";
    }

    @Override
    protected void createContent(Composite parent) {
        curvesCombo = combo("Curves:", "The layer sensitivities stored with the version: the metric that ranked "
                + "each layer's channels, the shares removed and the training images evaluated on");
        curvesCombo.addListener(SWT.Selection, e -> {
            if (!updating && shown != null) {
                chosen = curvesCombo.getSelectionIndex();
                render();
            }
        });
        Button measure = new Button(controls, SWT.PUSH);
        measure.setText("Measure…");
        measure.setToolTipText("Measure the layer sensitivity for a metric, in a job; it is stored with the version");
        measure.addListener(SWT.Selection, e -> measure());

        // below a readable height the chart scrolls rather than shrinks (a short view at 1280 × 800)
        ScrolledComposite scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.setMinHeight(MIN_CHART_HEIGHT);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
        chart = new Chart(scroller, SWT.NONE);
        scroller.setContent(chart);
        // the headline says what the curves are: the chart keeps its height for them
        chart.getTitle().setVisible(false);
        chart.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        chart.getLegend().setPosition(SWT.RIGHT);
        chart.getLegend().setFont(parent.getFont());
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.getTitle().setText("share of the layer's channels removed (%)");
        x.getTick().setFormat(new DecimalFormat("0"));
        IAxis y = chart.getAxisSet().getYAxis(0);
        y.getTitle().setText("accuracy without fine-tuning (%)");
        y.getTick().setFormat(new DecimalFormat("0"));
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            axis.getTitle().setFont(parent.getFont());
            axis.getTitle().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            axis.getTick().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        }
        for (RGB rgb : PALETTE) {
            colours.add(new Color(parent.getDisplay(), rgb));
        }
        parent.addDisposeListener(e -> colours.forEach(Color::dispose));
        HoverTips.show(chart.getPlotArea().getControl(), this::tip);
        chart.getPlotArea().getControl().addListener(SWT.MouseDown, this::click);
    }

    @Override
    protected void selected(ISelection selection) {
        versionOrLayer(selection, (version, layer) -> {
            if (shown != null && version.equals(shown.version())) {
                if (layer != null) {
                    pick(groupOf(layer), false);
                }
                return;
            }
            show(version, layer);
        });
    }

    /**
     * Reads and shows a version's stored curves.
     *
     * @param version the version
     * @param layer a layer to pick once shown, or null
     */
    public void show(ModelVersion version, String layer) {
        progress("Reading the layer sensitivity of " + version.id() + "…", shown != null);
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElseThrow();
        MetricRegistry metrics = Services.find(MetricRegistry.class).orElseThrow();
        reading.read("Layer sensitivity of " + version.model() + " " + version.id(), version.projectDirectory(),
                monitor -> load(version, analyses, metrics, monitor), loaded -> {
                    shown = loaded;
                    chosen = Math.max(0, loaded.curves().size() - 1);
                    pickedGroup = layer == null ? null : groupOf(layer);
                    render();
                }, reason -> progress(reason, shown != null));
    }

    private static Loaded load(ModelVersion version, AnalysisRegistry analyses, MetricRegistry metrics,
            IProgressMonitor monitor) throws IOException {
        List<SensitivityCurves> curves = LayerSensitivity.storedAll(analyses, version,
                VersionJob.dataset(version.projectDirectory()));
        List<String> names = curves.stream()
                .map(c -> metrics.descriptor(c.metric()).map(MetricDescriptor::name).orElse(c.metric())).toList();
        List<ChannelGroup> groups = ChannelGroups.of(ModelFiles.network(version.directory())).prunable();
        return new Loaded(version, curves, names, groups);
    }

    private void render() {
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(series.getId());
        }
        updating = true;
        try {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < shown.curves().size(); i++) {
                items.add(describe(shown.curves().get(i), shown.metricNames().get(i)));
            }
            fill(curvesCombo, items, items.isEmpty() ? null : items.get(chosen));
        } finally {
            updating = false;
        }
        if (shown.curves().isEmpty()) {
            showPage("No layer sensitivity is stored with " + shown.version().id() + " yet: Measure… prunes each layer "
                    + "alone at 10–90 % and evaluates what is left (a few minutes for the demo's network).");
            chart.redraw();
            fireSelectionChanged();
            return;
        }
        SensitivityCurves curves = current();
        int index = 0;
        for (ChannelGroup group : shown.groups()) {
            List<Double> accuracy = curves.accuracy().get(group.id());
            if (accuracy == null) {
                continue;
            }
            double[] xs = new double[accuracy.size() + 1];
            double[] ys = new double[accuracy.size() + 1];
            ys[0] = 100 * curves.baseAccuracy();
            for (int i = 0; i < accuracy.size(); i++) {
                xs[i + 1] = 100 * curves.ratios().get(i);
                ys[i + 1] = 100 * accuracy.get(i);
            }
            ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, group.id());
            series.setDescription(name(group));
            series.setXSeries(xs);
            series.setYSeries(ys);
            Color colour = colours.get(index++ % colours.size());
            series.setLineColor(colour);
            series.setSymbolColor(colour);
            series.setSymbolType(PlotSymbolType.CIRCLE);
            series.setAntialias(SWT.ON);
        }
        // to 100 %, so that the last share's points are not on the frame
        chart.getAxisSet().getXAxis(0).setRange(new Range(0, 100));
        chart.getAxisSet().getYAxis(0).setRange(new Range(0, 100));
        emphasise();
        showPage(headline(curves));
        chart.redraw();
        fireSelectionChanged();
    }

    private String headline(SensitivityCurves curves) {
        // the layers compared where half their channels are gone, or at the middle share measured
        int at = middle(curves);
        String most = null;
        String least = null;
        for (ChannelGroup group : shown.groups()) {
            List<Double> a = curves.accuracy().get(group.id());
            if (a == null) {
                continue;
            }
            if (most == null || a.get(at) < curves.accuracy().get(most).get(at)) {
                most = group.id();
            }
            if (least == null || a.get(at) > curves.accuracy().get(least).get(at)) {
                least = group.id();
            }
        }
        if (most == null) {
            return shown.version().id() + ": the stored curves name no layer of this network.";
        }
        return String.format(Locale.ROOT, "%s, %.1f %% on %,d training images unpruned; with %.0f %% of one layer's "
                + "channels removed: most sensitive %s (%.1f %%), least %s (%.1f %%). Click a curve to select its "
                + "layer.", shown.version().id(), 100 * curves.baseAccuracy(), curves.samples(),
                100 * curves.ratios().get(at), most, 100 * curves.accuracy().get(most).get(at), least,
                100 * curves.accuracy().get(least).get(at));
    }

    private static int middle(SensitivityCurves curves) {
        int best = 0;
        for (int i = 0; i < curves.ratios().size(); i++) {
            if (Math.abs(curves.ratios().get(i) - 0.5) < Math.abs(curves.ratios().get(best) - 0.5)) {
                best = i;
            }
        }
        return best;
    }

    private static String describe(SensitivityCurves curves, String metric) {
        List<Double> r = curves.ratios();
        return String.format(Locale.ROOT, "%s — %d shares, %.0f–%.0f %%, %,d images", metric, r.size(), 100 * r.get(0),
                100 * r.get(r.size() - 1), curves.samples());
    }

    private static String name(ChannelGroup group) {
        return group.producers().size() > 1
                ? group.id() + " (" + group.producers().size() + " convolutions, " + group.channels() + " channels)"
                : group.id() + " (" + group.channels() + ")";
    }

    private SensitivityCurves current() {
        return shown.curves().get(chosen);
    }

    /** The picked layer's curve thick, the others thin and dotted (the legend keeps the network's order). */
    private void emphasise() {
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            ILineSeries<?> line = (ILineSeries<?>) series;
            boolean picked = series.getId().equals(pickedGroup);
            line.setLineWidth(picked ? 4 : pickedGroup == null ? 2 : 1);
            line.setLineStyle(picked || pickedGroup == null ? LineStyle.SOLID : LineStyle.DOT);
            line.setSymbolSize(picked ? 5 : 3);
        }
    }

    /** The nearest point within reach of the pointer: its series and index, or null. */
    private Object[] nearest(int px, int py) {
        Object[] best = null;
        double distance = REACH;
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            for (int i = 0; i < series.getXSeries().length; i++) {
                Point p = series.getPixelCoordinates(i);
                double d = Math.hypot(p.x - px, p.y - py);
                if (d <= distance) {
                    distance = d;
                    best = new Object[] {series.getId(), i};
                }
            }
        }
        return best;
    }

    /** The layer, its channels removed and the accuracy left at the point nearest the pointer, if one is near. */
    private String tip(int x, int y) {
        if (shown == null || shown.curves().isEmpty()) {
            return null;
        }
        Object[] point = nearest(x, y);
        String tip = null;
        if (point != null) {
            String id = (String) point[0];
            int i = (Integer) point[1];
            SensitivityCurves curves = current();
            ChannelGroup group = shown.groups().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
            double share = i == 0 ? 0 : curves.ratios().get(i - 1);
            double accuracy = i == 0 ? curves.baseAccuracy() : curves.accuracy().get(id).get(i - 1);
            int removed = (int) Math.round(share * group.channels());
            tip = String.format(Locale.ROOT, "%s%n%d of %d channels removed (%.0f %%)%naccuracy %.1f %% (%+.1f points)",
                    group.producers().size() > 1 ? id + ": " + String.join(", ", group.producers()) : id, removed,
                    group.channels(), 100 * share, 100 * accuracy, 100 * (accuracy - curves.baseAccuracy()));
        }
        return tip;
    }

    private void click(Event e) {
        if (shown == null || e.button != 1) {
            return;
        }
        Object[] point = nearest(e.x, e.y);
        pick(point == null ? null : (String) point[0], true);
    }

    private void pick(String group, boolean publish) {
        if (Objects.equals(group, pickedGroup)) {
            return;
        }
        pickedGroup = group;
        emphasise();
        chart.redraw();
        if (publish) {
            fireSelectionChanged();
        }
    }

    /** The group a layer belongs to: the group itself, or the one it produces. */
    private String groupOf(String layer) {
        if (shown == null || layer == null) {
            return null;
        }
        return shown.groups().stream().filter(g -> g.id().equals(layer) || g.producers().contains(layer))
                .map(ChannelGroup::id).findFirst().orElse(null);
    }

    private void measure() {
        if (shown == null) {
            return;
        }
        MetricRegistry metrics = Services.find(MetricRegistry.class).orElseThrow();
        AnalysisRegistry analyses = Services.find(AnalysisRegistry.class).orElseThrow();
        ModelVersion version = shown.version();
        String name = version.model() + "/" + version.id();
        LayerSensitivityDialog dialog = new LayerSensitivityDialog(chart.getShell(), name, metrics.descriptors());
        if (dialog.open() != Window.OK) {
            return;
        }
        progress("Measuring the layer sensitivity of " + version.id() + " (see the Progress view)…", true);
        VersionJob job = LayerSensitivityJob.create(version, name, dialog.settings(), analyses);
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                ViewJobs.asyncExec(chart, () -> {
                    if (job.problem().isPresent()) {
                        progress("The layer sensitivity of " + version.id() + " was not measured: "
                                + job.problem().get(), true);
                    } else {
                        show(version, pickedGroup);
                    }
                });
            }
        });
        job.schedule();
    }

    @Override
    public ISelection getSelection() {
        if (shown == null) {
            return StructuredSelection.EMPTY;
        }
        if (pickedGroup == null) {
            return new StructuredSelection(shown.version());
        }
        ChannelGroup group = shown.groups().stream().filter(g -> g.id().equals(pickedGroup)).findFirst().orElseThrow();
        return new StructuredSelection(new SelectedLayer(shown.version(), group.producers().get(0)));
    }

    @Override
    protected ModelVersion shownVersion() {
        return shown == null ? null : shown.version();
    }

    @Override
    protected void clear() {
        shown = null;
        pickedGroup = null;
    }

    @Override
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("layer", "convolutions", "channels", "metric", "share_removed", "accuracy", "base_accuracy",
                "samples"));
        if (shown == null || shown.curves().isEmpty()) {
            return rows;
        }
        SensitivityCurves curves = current();
        for (ChannelGroup group : shown.groups()) {
            List<Double> accuracy = curves.accuracy().get(group.id());
            for (int i = 0; accuracy != null && i < accuracy.size(); i++) {
                rows.add(List.of(group.id(), String.join(" ", group.producers()), String.valueOf(group.channels()),
                        curves.metric(), number(curves.ratios().get(i)), number(accuracy.get(i)),
                        number(curves.baseAccuracy()), String.valueOf(curves.samples())));
            }
        }
        return rows;
    }

    @Override
    protected String exportName() {
        return shown == null ? "layer-sensitivity"
                : "layer-sensitivity-" + shown.version().model() + "-" + shown.version().id();
    }

    /**
     * What the view shows, for tests.
     *
     * @return the loaded curves, or null
     */
    public Loaded loaded() {
        return shown;
    }

    /**
     * The layer (channel group) picked, for tests.
     *
     * @return its id, or null
     */
    public String picked() {
        return pickedGroup;
    }

    /**
     * Picks a layer as a click on its curve does, for tests.
     *
     * @param group the group's id
     */
    public void pickGroup(String group) {
        pick(group, true);
    }
}
