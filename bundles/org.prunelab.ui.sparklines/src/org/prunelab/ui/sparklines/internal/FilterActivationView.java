package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.filters.ClassActivations;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterProvider;
import org.prunelab.core.filters.FilterSelection;
import org.prunelab.core.filters.VersionFilters;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.sparklines.ClassPair;
import org.prunelab.ui.sparklines.FilterFocus;

import com.google.gson.JsonObject;

/**
 * NetPrune's filter activation view for one convolution of the selected version: pick a metric (the
 * built-ins and any installed plug-in), a baseline and a compared class; the scatter shows every filter's
 * activation for both classes in the metric's order with the metric's curve; brushing it selects filters
 * for that metric (one barcode row per metric); the union of the rows is kept when the layer is pruned to
 * the selection, optionally followed by fine-tuning. The view's selection is a {@link FilterFocus}, which
 * the sparkline matrix draws.
 */
public final class FilterActivationView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.FILTER_ACTIVATION;

    /** On two lines, so that it fits the view at 1280 × 800. */
    private static final String NOTHING_SELECTED = "Select a version in the Exploration Tree,\nor a layer in the"
            + " Model Graph.";

    private ScrolledComposite scroller;
    private Combo layers;
    private Combo metrics;
    private Combo baselines;
    private Combo compareds;
    private ActivationScatter scatter;
    private SelectionBarcodes barcodes;
    /** The filters' order along the scatter's and the barcodes' x. */
    private RankAxis axis;
    private Label status;
    private Spinner epochs;
    private Button prune;
    private Button clear;

    private List<MetricDescriptor> metricList = List.of();
    /** The barcodes' metric rows as shown, by label. */
    private List<String> barcodeRows = List.of();
    private ModelVersion loading;
    private VersionFilters data;
    private String layer;
    private String metric = FilterJobs.CPD;
    private int baseline;
    private int compared = 1;
    /** The kept filters, shared with the filter detail view. */
    private KeptFilters kept;
    private final Map<String, double[]> scores = new HashMap<>();
    private FilterFocus focus;
    private boolean busy;
    /** While a prune job runs, the status line reports it. */
    private boolean pruning;
    /** Reads the class activations of the version asked for last. */
    private ViewJobs reading;
    /** Scores the current layer with the current metric. */
    private ViewJobs scoring;

    private final ISelectionListener versionListener = (IWorkbenchPart part, ISelection selection) -> {
        if (part != this) {
            versionOrLayer(selection, this::show);
        }
    };

    private final KeptFilters.Listener keptListener = (version, changed) -> {
        if (data != null && data.version().equals(version) && changed.equals(layer)) {
            update();
        }
    };

    private final ISelectionListener pairListener = (IWorkbenchPart part, ISelection selection) -> {
        if (selection instanceof IStructuredSelection structured && structured.getFirstElement() instanceof ClassPair p) {
            selectClasses(p.baseline(), p.compared());
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        // a view too short for the scatter, the barcodes and the buttons scrolls rather than cut the buttons off
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        Composite root = new Composite(scroller, SWT.NONE);
        scroller.setContent(root);
        scroller.addListener(SWT.Resize, e -> fitHeight());
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(root);
        root.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        root.setBackgroundMode(SWT.INHERIT_FORCE);

        // the pickers wrap onto a second line when the view is narrow
        Composite pickers = new Composite(root, SWT.NONE);
        RowLayout wrapping = new RowLayout(SWT.HORIZONTAL);
        wrapping.wrap = true;
        wrapping.center = true;
        wrapping.marginLeft = 0;
        wrapping.marginTop = 0;
        wrapping.spacing = 14;
        pickers.setLayout(wrapping);
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(pickers);
        layers = picker(pickers, "Layer", 110);
        metrics = picker(pickers, "Metric", 310);
        baselines = picker(pickers, "Baseline", 110);
        compareds = picker(pickers, "Class", 110);
        layers.addListener(SWT.Selection, e -> selectLayer(layers.getText()));
        metrics.addListener(SWT.Selection, e -> selectMetric(metricList.get(metrics.getSelectionIndex()).id()));
        baselines.addListener(SWT.Selection, e -> selectClasses(baselines.getSelectionIndex(), compared));
        compareds.addListener(SWT.Selection, e -> selectClasses(baseline, compareds.getSelectionIndex()));

        // the scatter and the barcodes are as wide as each other and share their axis: a filter's bars sit
        // under its dots
        axis = new RankAxis();
        scatter = new ActivationScatter(root, axis);
        GridDataFactory.fillDefaults().grab(true, true).minSize(200, 150).hint(500, 160).applyTo(scatter.control());
        scatter.onBrush(this::brush);
        barcodes = new SelectionBarcodes(root, axis);
        GridDataFactory.fillDefaults().grab(true, false).hint(500, barcodes.preferredHeight(2))
                .applyTo(barcodes.control());

        // what the selection means, on its own line so that it is never cut by the buttons
        status = new Label(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);
        Composite actions = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(8, 0).applyTo(actions);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).grab(true, false).applyTo(actions);
        clear = new Button(actions, SWT.PUSH);
        clear.setText("Clear selection");
        clear.addListener(SWT.Selection, e -> clearSelection());
        new Label(actions, SWT.NONE).setText("Fine-tune epochs");
        epochs = new Spinner(actions, SWT.BORDER);
        epochs.setValues(1, 0, 50, 0, 1, 5);
        epochs.setToolTipText("Epochs of fine-tuning after pruning (Adam, learning rate 0.001); 0 prunes only");
        prune = new Button(actions, SWT.PUSH);
        prune.setText("Prune and fine-tune");
        prune.setToolTipText("Keep the UNION of the selected filters of this layer and add the result as a child"
                + " version");
        prune.addListener(SWT.Selection, e -> pruneToSelection(epochs.getSelection()));
        // NetPrune's FINE-TUNE: the button says whether fine-tuning follows the pruning
        epochs.addListener(SWT.Modify, e -> {
            prune.setText(epochs.getSelection() > 0 ? "Prune and fine-tune" : "Prune to selection");
            prune.getParent().layout(true);
        });

        metricList = Services.find(MetricRegistry.class).map(MetricRegistry::descriptors).orElse(List.of());
        for (MetricDescriptor descriptor : metricList) {
            metrics.add(descriptor.name());
        }
        metrics.setToolTipText("Orders the filters; every installed metric is listed, plug-ins included");
        selectInCombo(metrics, indexOfMetric(metric));

        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(root, () -> "filters-" + (layer == null ? "empty" : layer)));
        menu.add(ViewExport.csvAction(parent.getShell(), this::table, () -> "filters-" + (layer == null ? "empty"
                : layer)));

        kept = KeptFilters.of(getSite().getPage());
        kept.addListener(keptListener);
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(versionListener);
        getSite().getPage().addSelectionListener(PruningPerspective.SPARKLINE_MATRIX, pairListener);
        reading = new ViewJobs(root, FilterJobs.FAMILY);
        scoring = new ViewJobs(root, FilterJobs.FAMILY);
        DeletedVersions.watch(root, () -> loading != null ? loading : data == null ? null : data.version(),
                gone -> {
                    kept.forget(gone);
                    clear();
                });
        scatter.message(NOTHING_SELECTED);
        ISelection tree = getSite().getPage().getSelection(PruningPerspective.EXPLORATION_TREE);
        versionListener.selectionChanged(null, tree);
        updateControls();
    }

    /** Scrolls from the height at which everything fits, the scatter at its preferred height. */
    private void fitHeight() {
        Composite root = (Composite) scroller.getContent();
        scroller.setMinHeight(root.computeSize(scroller.getClientArea().width, SWT.DEFAULT).y);
    }

    private static Combo picker(Composite parent, String label, int width) {
        Composite pair = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(5, 0).applyTo(pair);
        new Label(pair, SWT.NONE).setText(label);
        Combo combo = new Combo(pair, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setVisibleItemCount(16);
        GridDataFactory.fillDefaults().hint(width, SWT.DEFAULT).applyTo(combo);
        return combo;
    }

    /**
     * Shows a version, reading its class activations in a job the first time.
     *
     * @param version the version
     * @param wantedLayer the layer to show, or null for the current one (or the first)
     */
    public void show(ModelVersion version, String wantedLayer) {
        if (data != null && data.version().equals(version)) {
            if (wantedLayer != null && data.layers().containsKey(wantedLayer)) {
                selectLayer(wantedLayer);
            }
            return;
        }
        if (version.equals(loading)) {
            return;
        }
        loading = version;
        data = null;
        scores.clear();
        scatter.message("Computing the class activations of " + FilterJobs.name(version) + " on up to "
                + FilterProvider.PROBE_SAMPLES + " test images…");
        barcodes.show(List.of(), new BitSet(), 0);
        setContentDescription(FilterJobs.name(version));
        updateControls();
        scoring.cancel();
        busy = false;
        reading.read("Reading filter activations of " + FilterJobs.name(version), version.projectDirectory(),
                monitor -> FilterJobs.readActivations(version, monitor), read -> {
                    loading = null;
                    arrive(read, wantedLayer);
                }, problem -> {
                    loading = null;
                    scatter.message("Cannot show the filters of " + FilterJobs.name(version) + ": " + problem);
                    updateControls();
                });
    }

    /**
     * Shows nothing, as before a version was selected: for a version that was deleted.
     */
    public void clear() {
        reading.cancel();
        scoring.cancel();
        loading = null;
        data = null;
        focus = null;
        layer = null;
        busy = false;
        scores.clear();
        for (Combo combo : List.of(layers, baselines, compareds)) {
            combo.removeAll();
        }
        scatter.message(NOTHING_SELECTED);
        barcodes.show(List.of(), new BitSet(), 0);
        barcodeRows = List.of();
        setContentDescription("");
        updateControls();
        status.setText("");
        fire();
    }

    private void arrive(VersionFilters read, String wantedLayer) {
        data = read;
        layers.removeAll();
        for (String id : read.layers().keySet()) {
            layers.add(id);
        }
        baselines.setItems(read.classNames().toArray(String[]::new));
        compareds.setItems(read.classNames().toArray(String[]::new));
        int classes = read.classNames().size();
        baseline = Math.min(baseline, classes - 1);
        compared = classes > 1 && compared < classes && compared != baseline ? compared : (baseline + 1) % classes;
        String first = read.layers().keySet().iterator().next();
        String chosen = wantedLayer != null && read.layers().containsKey(wantedLayer) ? wantedLayer
                : layer != null && read.layers().containsKey(layer) ? layer : first;
        layer = null;
        selectLayer(chosen);
    }

    /**
     * Makes a convolution of the shown version the current layer.
     *
     * @param id the layer's id
     */
    public void selectLayer(String id) {
        if (data == null || !data.layers().containsKey(id)) {
            return;
        }
        layer = id;
        update();
    }

    /**
     * Orders the filters by another metric.
     *
     * @param id the metric's id
     */
    public void selectMetric(String id) {
        metric = id;
        update();
    }

    /**
     * Sets the baseline and compared classes.
     *
     * @param newBaseline class A
     * @param newCompared class B
     */
    public void selectClasses(int newBaseline, int newCompared) {
        if (data == null || newBaseline < 0 || newCompared < 0 || newBaseline >= data.classNames().size()
                || newCompared >= data.classNames().size()) {
            return;
        }
        baseline = newBaseline;
        compared = newCompared;
        update();
    }

    /**
     * Brushes a range of ranks in the current metric's order: those filters become this metric's selection.
     *
     * @param from the first rank, inclusive
     * @param to the last rank, exclusive; equal to {@code from} to clear this metric's selection
     */
    public void brush(int from, int to) {
        if (focus == null) {
            return;
        }
        kept.set(data.version(), layer, focus.selection().with(metric, focus.order().between(from, to)));
    }

    private void clearSelection() {
        if (focus != null) {
            kept.set(data.version(), layer, FilterSelection.none(focus.activations().filters()));
        }
    }

    private void update() {
        if (data == null || layer == null) {
            updateControls();
            return;
        }
        ClassActivations activations = data.layers().get(layer);
        selectInCombo(layers, new ArrayList<>(data.layers().keySet()).indexOf(layer));
        selectInCombo(metrics, indexOfMetric(metric));
        selectInCombo(baselines, baseline);
        selectInCombo(compareds, compared);
        double[] importance = metric.equals(FilterJobs.CPD) ? activations.difference(baseline, compared)
                : scores.get(metric + "@" + layer);
        if (importance == null) {
            focus = null;
            String wanted = metric;
            String wantedLayer = layer;
            ModelVersion version = data.version();
            scatter.message("Scoring the filters of " + layer + " with " + metricName(metric) + "…");
            busy = true;
            updateControls();
            scoring.read("Scoring " + layer + " of " + FilterJobs.name(version), version.projectDirectory(),
                    monitor -> FilterJobs.score(version, wantedLayer, wanted, monitor), result -> {
                        scores.put(wanted + "@" + wantedLayer, result);
                        busy = false;
                        update();
                    }, problem -> {
                        busy = false;
                        scatter.message("Cannot score " + wantedLayer + " with " + metricName(wanted) + ": "
                                + problem);
                        updateControls();
                    });
            return;
        }
        FilterOrder order = FilterOrder.byImportance(importance);
        FilterSelection selection = kept.get(data.version(), layer, activations.filters());
        focus = new FilterFocus(data.version(), activations, order, selection, metric, metricName(metric), baseline,
                compared);
        List<SelectionBarcodes.Row> rows = new ArrayList<>();
        for (Map.Entry<String, BitSet> entry : selection.byMetric().entrySet()) {
            rows.add(new SelectionBarcodes.Row(shortName(entry.getKey()), entry.getValue()));
        }
        if (!selection.byMetric().containsKey(metric)) {
            rows.add(new SelectionBarcodes.Row(shortName(metric), new BitSet()));
        }
        // every row, whichever metric selected its filters, in the order of the metric the scatter shows
        axis.show(order, SelectionBarcodes.labels(rows));
        scatter.show(activations, selection.of(metric), baseline, compared, shortName(metric));
        barcodes.show(rows, selection.union(), activations.filters());
        barcodeRows = rows.stream().map(SelectionBarcodes.Row::label).toList();
        GridDataFactory.fillDefaults().grab(true, false).hint(500, barcodes.preferredHeight(rows.size()))
                .applyTo(barcodes.control());
        barcodes.control().getParent().layout(true);
        fitHeight();
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < activations.classes(); c++) {
            if (activations.counts()[c] == 0) {
                missing.add(activations.classNames().get(c));
            }
        }
        setContentDescription(String.format(Locale.ROOT, "%s of %s: %d filters; class activations over %d test images%s",
                layer, FilterJobs.name(data.version()), activations.filters(), data.samples(),
                missing.isEmpty() ? "" : "; no test images of " + String.join(", ", missing)));
        updateControls();
        fire();
    }

    private void updateControls() {
        boolean ready = focus != null && !busy;
        boolean selected = ready && !focus.selection().isEmpty();
        prune.setEnabled(selected);
        clear.setEnabled(selected);
        for (Combo combo : List.of(layers, metrics, baselines, compareds)) {
            combo.setEnabled(data != null && !busy);
        }
        if (focus != null && !busy && !pruning) {
            status.setText(selected ? String.format(Locale.ROOT, "Pruning keeps %d of %d filters of %s.",
                    focus.selection().union().cardinality(), focus.activations().filters(), focus.layer())
                    : "Drag across the scatter to select filters.");
        }
    }

    /**
     * Prunes the current layer to the kept filters in a job; the child version joins the project.
     *
     * @param fineTuneEpochs epochs of fine-tuning afterwards, 0 for none
     * @return the job, or null if nothing is selected
     */
    public Job pruneToSelection(int fineTuneEpochs) {
        if (focus == null || focus.selection().isEmpty()) {
            status.setText("Select the filters to keep first.");
            return null;
        }
        int[] kept = focus.selection().union().stream().toArray();
        JsonObject settings = null;
        if (metric.equals(FilterJobs.CPD)) {
            settings = new JsonObject();
            settings.addProperty("baseline", baseline);
            settings.addProperty("compared", compared);
        }
        ModelVersion parent = focus.version();
        String pruned = focus.layer();
        pruning = true;
        prune.setEnabled(false);
        status.setText(String.format(Locale.ROOT, "Pruning %s of %s to %d filters…", pruned, FilterJobs.name(parent),
                kept.length));
        // the job is the project's, not the view's: it goes on, and adds the child, if the view is closed
        VersionJob job = FilterJobs.pruneToSelection(parent, pruned, kept, metric, settings, fineTuneEpochs,
                child -> ViewJobs.asyncExec(status, () -> {
                    pruning = false;
                    updateControls();
                    status.setText(String.format(Locale.ROOT, "Added %s: %s keeps %d filters; test accuracy %.2f %%",
                            FilterJobs.name(child), pruned, kept.length, 100 * child.evaluation().accuracy()));
                }));
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                job.problem().ifPresent(problem -> ViewJobs.asyncExec(status, () -> {
                    pruning = false;
                    updateControls();
                    status.setText("Pruning failed: " + problem);
                }));
            }
        });
        job.schedule();
        return job;
    }

    /**
     * What the view shows, for tests and the sparkline matrix.
     *
     * @return the focus, or null while nothing is shown
     */
    public FilterFocus focus() {
        return focus;
    }

    /**
     * The heading of the UNION row.
     *
     * @return e.g. "68.75 % kept (44 of 64)"
     */
    public String unionLabel() {
        return focus == null ? "" : SelectionBarcodes.keptLabel(focus.selection().union(),
                focus.activations().filters());
    }

    /**
     * The scatter's canvas, for tests.
     *
     * @return it
     */
    public Canvas scatterCanvas() {
        return scatter.control();
    }

    /**
     * The barcodes' canvas, for tests.
     *
     * @return it
     */
    public Canvas barcodeCanvas() {
        return barcodes.control();
    }

    /**
     * The labels of the barcodes' metric rows, top to bottom; the UNION row follows them.
     *
     * @return the labels, empty while nothing is shown
     */
    public List<String> barcodeRows() {
        return barcodeRows;
    }

    /**
     * Where a barcode row draws the bar of the filter at a rank of the scatter's order.
     *
     * @param row a metric row's index in {@link #barcodeRows()}, or their number for the UNION row
     * @param rank a rank along the scatter's x axis
     * @return the bar's bounds in {@link #barcodeCanvas()}, or null while nothing is shown
     */
    public Rectangle barcodeBar(int row, int rank) {
        return barcodes.bar(row, rank);
    }

    /**
     * Where the scatter draws the dots of the filter at a rank, along x.
     *
     * @param rank a rank of the current metric's order
     * @return the pixel in the scatter's canvas, which is as wide as the barcodes' and above them; -1 before
     *         the scatter is drawn
     */
    public int scatterX(int rank) {
        return scatter.xOf(rank);
    }

    /**
     * The status line, for tests.
     *
     * @return its text
     */
    public String status() {
        return status.getText();
    }

    private List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (focus == null) {
            return rows;
        }
        List<String> names = focus.activations().classNames();
        List<String> header = new ArrayList<>(List.of("filter", "rank", metricName(metric) + " score", "kept"));
        names.forEach(name -> header.add("a_f(" + name + ")"));
        rows.add(header);
        BitSet kept = focus.selection().union();
        int[] ranked = focus.order().ranked();
        for (int r = 0; r < ranked.length; r++) {
            int f = ranked[r];
            List<String> row = new ArrayList<>(List.of(Integer.toString(f), Integer.toString(r + 1),
                    Double.toString(focus.order().scores()[f]), Boolean.toString(kept.get(f))));
            for (int c = 0; c < names.size(); c++) {
                row.add(String.format(Locale.ROOT, "%.6f", focus.activations().of(c, f)));
            }
            rows.add(row);
        }
        return rows;
    }

    private int indexOfMetric(String id) {
        for (int i = 0; i < metricList.size(); i++) {
            if (metricList.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private String metricName(String id) {
        if (id.equals(KeptFilters.PICKED)) {
            return "Picked (Filter Detail)";
        }
        int index = indexOfMetric(id);
        return index < 0 ? id : metricList.get(index).name();
    }

    /** A metric's name without its parenthetical, for the barcode rows' labels. */
    private String shortName(String id) {
        return FilterFocus.shortName(metricName(id));
    }

    private static void selectInCombo(Combo combo, int index) {
        if (index >= 0 && index < combo.getItemCount() && combo.getSelectionIndex() != index) {
            combo.select(index);
        }
    }

    private void fire() {
        fireSelectionChanged();
    }

    @Override
    public void setFocus() {
        scatter.control().setFocus();
    }

    @Override
    public void dispose() {
        kept.removeListener(keptListener);
        getSite().getPage().removeSelectionListener(versionListener);
        getSite().getPage().removeSelectionListener(PruningPerspective.SPARKLINE_MATRIX, pairListener);
        super.dispose();
    }

    @Override
    public ISelection getSelection() {
        return focus == null ? StructuredSelection.EMPTY : new StructuredSelection(focus);
    }

    @Override
    public void setSelection(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ClassPair pair) {
            selectClasses(pair.baseline(), pair.compared());
        }
    }
}
