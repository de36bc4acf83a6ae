package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.filters.FilterDetails;
import org.prunelab.core.filters.FilterOrder;
import org.prunelab.core.filters.FilterProvider;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.probe.TopActivations;
import org.prunelab.ui.Controls;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Pictures;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.Thumbnails;
import org.prunelab.ui.sparklines.FilterFocus;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * CNNPruner's filter view: for one filter of a convolution, its kernel (a small image per input channel),
 * its maps on an example image of each class, the test images that activate it most with their maps, and
 * its score and rank under every installed metric. The list on the left ranks the layer's filters by a
 * metric; ticking one keeps it, in the same selection as the filter activation view's brushing. It follows
 * the filter activation view (layer, metric, class pair), the model graph and the exploration tree.
 */
public final class FilterDetailView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.FILTER_DETAIL;

    private static final String NOTHING_SELECTED = "Select a version in the Exploration Tree, or a layer in the"
            + " Model Graph or the Filter Activation view.";

    /** The side of an image or a map, in pixels. */
    private static final int CELL = 64;

    /** The side of a kernel slice, in pixels. */
    private static final int KERNEL_CELL = 27;

    private static final int GAP = 6;

    /** Computed details kept, the most recent last. */
    private static final int CACHED = 6;

    private ScrolledComposite scroller;
    private Composite root;
    private Combo layers;
    private Combo ranking;
    private Label message;
    private Table filters;
    private Label heading;
    private Label kernelHeading;
    private Canvas kernels;
    private Table scores;
    private Label examplesHeading;
    private Canvas examples;
    private Label topHeading;
    private Canvas top;
    private Label scoresHeading;
    /** The side of a kernel slice, in pixels: larger when there are few. */
    private int kernelCell = KERNEL_CELL;

    private KeptFilters kept;
    private List<MetricDescriptor> metricList = List.of();
    /** Details with the class pair the class pairwise difference scored, most recently used last. */
    private final Map<String, Computed> cache = new LinkedHashMap<>(16, 0.75f, true);
    private ViewJobs computing;
    private ModelVersion version;
    private String layer;
    private FilterDetails details;
    private String rankedBy = "org.prunelab.metrics.weightL1";
    private int filter = -1;
    /** The layer the filter index is of. */
    private String filterOf;
    /** The class pair of the filter activation view, for the class pairwise difference's scores. */
    private int baseline;
    private int compared = 1;
    /** The class pair of the class pairwise difference's scores shown. */
    private int[] scoredPair = {0, 1};
    private final List<Image> images = new ArrayList<>();
    private final List<Image> kernelImages = new ArrayList<>();
    private final List<Image[]> exampleImages = new ArrayList<>();
    private final List<Image[]> topImages = new ArrayList<>();

    private final ISelectionListener listener = (IWorkbenchPart part, ISelection selection) -> {
        if (part == this) {
            return;
        }
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof FilterFocus focus) {
            baseline = focus.baseline();
            compared = focus.compared();
            if (!focus.metric().equals(rankedBy) && metricIndex(focus.metric()) >= 0) {
                rankedBy = focus.metric();
            }
        }
        versionOrLayer(selection, this::show);
    };

    private final KeptFilters.Listener keptListener = (changedVersion, changedLayer) -> {
        if (details != null && changedVersion.equals(version) && changedLayer.equals(layer)) {
            refreshChecks();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        root = new Composite(scroller, SWT.NONE);
        scroller.setContent(root);
        scroller.addListener(SWT.Resize, e -> fit());
        root.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        root.setBackgroundMode(SWT.INHERIT_FORCE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(6, 6).spacing(8, 4).applyTo(root);

        Composite pickers = Controls.wrappingRow(root);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).applyTo(pickers);
        layers = Controls.labelledCombo(pickers, "Layer", "The convolution whose filters are shown");
        ranking = Controls.labelledCombo(pickers, "Ranked by", "The metric the list on the left ranks the filters by");
        layers.addListener(SWT.Selection, e -> {
            if (version != null && layers.getSelectionIndex() >= 0) {
                show(version, layers.getText());
                // the other views follow the layer picked here
                fireSelectionChanged();
            }
        });
        ranking.addListener(SWT.Selection, e -> {
            if (details != null && ranking.getSelectionIndex() >= 0) {
                rankedBy = scoredMetrics().get(ranking.getSelectionIndex());
                fillFilters();
            }
        });
        message = new Label(root, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(200, SWT.DEFAULT).applyTo(message);

        filters = new Table(root, SWT.CHECK | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.SINGLE);
        filters.setHeaderVisible(true);
        filters.setLinesVisible(true);
        filters.setToolTipText("Pick a filter to see it; tick it to keep it when the layer is pruned to the"
                + " selection (the Filter Activation view's UNION)");
        for (String[] column : new String[][] {{"Filter", "62"}, {"Rank", "46"}, {"Score", "74"}}) {
            TableColumn c = new TableColumn(filters, column[0].equals("Filter") ? SWT.LEFT : SWT.RIGHT);
            c.setText(column[0]);
            c.setWidth(Integer.parseInt(column[1]));
        }
        GridDataFactory.fillDefaults().grab(false, true).hint(200, 300).applyTo(filters);
        filters.addListener(SWT.Selection, e -> {
            if (!(e.item instanceof TableItem item) || details == null) {
                return;
            }
            int picked = (Integer) item.getData();
            if (e.detail == SWT.CHECK) {
                kept.keep(version, layer, details.filters(), picked, item.getChecked());
            }
            showFilter(picked);
        });

        Composite right = new Composite(root, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(right);
        GridLayoutFactory.fillDefaults().spacing(4, 3).applyTo(right);
        heading = label(right, false);
        heading.setFont(JFaceResources.getHeaderFont());
        kernelHeading = label(right, true);
        kernels = canvas(right, this::paintKernels);
        examplesHeading = label(right, true);
        examples = canvas(right, gc -> paintStrip(gc, exampleImages, exampleCaptions()));
        topHeading = label(right, true);
        top = canvas(right, gc -> paintStrip(gc, topImages, topCaptions()));
        scoresHeading = label(right, true);
        scores = new Table(right, SWT.BORDER | SWT.FULL_SELECTION);
        scores.setHeaderVisible(true);
        scores.setLinesVisible(true);
        for (String column : new String[] {"Metric", "Importance", "Rank in the layer"}) {
            new TableColumn(scores, column.equals("Importance") ? SWT.RIGHT : SWT.LEFT).setText(column);
        }
        GridDataFactory.fillDefaults().grab(true, false).applyTo(scores);
        ViewExport.csvMenu(scores, () -> "filter-scores-" + layer + "-" + filter);

        metricList = Services.find(MetricRegistry.class).map(MetricRegistry::descriptors).orElse(List.of());
        kept = KeptFilters.of(getSite().getPage());
        kept.addListener(keptListener);
        computing = new ViewJobs(root, FilterJobs.FAMILY);
        getViewSite().getActionBars().getMenuManager().add(ViewExport.pngAction(root,
                () -> "filter-" + (layer == null ? "empty" : layer + "-" + filter)));
        getViewSite().getActionBars().getMenuManager().add(ViewExport.csvAction(parent.getShell(), this::table,
                () -> "filters-detail-" + (layer == null ? "empty" : layer)));
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(listener);
        DeletedVersions.watch(root, () -> version, gone -> clear());
        message.setText(NOTHING_SELECTED);
        showNothing();
        // open on what the filter activation view shows, else on the tree's version
        ISelection activation = getSite().getPage().getSelection(PruningPerspective.FILTER_ACTIVATION);
        listener.selectionChanged(null, activation != null && !activation.isEmpty() ? activation
                : getSite().getPage().getSelection(PruningPerspective.EXPLORATION_TREE));
    }

    private static Label label(Composite parent, boolean bold) {
        Label label = new Label(parent, SWT.WRAP);
        if (bold) {
            label.setFont(JFaceResources.getBannerFont());
        }
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(label);
        return label;
    }

    private Canvas canvas(Composite parent, Consumer<GC> painter) {
        Canvas canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> painter.accept(e.gc));
        // its height follows its width: as many cells per row as fit
        canvas.addListener(SWT.Resize, e -> {
            if (canvas.getData("width") == null || (Integer) canvas.getData("width") != canvas.getSize().x) {
                canvas.setData("width", canvas.getSize().x);
                root.getDisplay().asyncExec(this::fit);
            }
        });
        GridDataFactory.fillDefaults().grab(true, false).hint(200, 10).applyTo(canvas);
        return canvas;
    }

    /**
     * Shows a layer of a version, computing its details in a job the first time.
     *
     * @param shown the version
     * @param wantedLayer a convolution, or null for the current one (or the version's first)
     */
    public void show(ModelVersion shown, String wantedLayer) {
        String chosen = wantedLayer != null ? wantedLayer
                : details != null && details.convolutions().contains(layer) ? layer : null;
        if (shown.equals(version) && (chosen == null || chosen.equals(layer))) {
            if (details != null) {
                fillRanking();
                fillFilters();
            }
            return;
        }
        version = shown;
        layer = chosen;
        Computed known = chosen == null ? null : cache.get(key(shown, chosen));
        if (known != null) {
            arrive(known);
            return;
        }
        details = null;
        showNothing();
        setContentDescription((chosen == null ? "" : chosen + " of ") + FilterJobs.name(shown));
        message.setText("Computing the filters of " + (chosen == null ? "the first convolution" : chosen) + " of "
                + FilterJobs.name(shown) + " on up to " + FilterProvider.PROBE_SAMPLES
                + " test images, under every installed metric…");
        fit();
        int[] pair = {baseline, compared};
        Map<String, JsonElement> settings = Map.of(FilterJobs.CPD, pair(pair));
        computing.read("Filter details of " + FilterJobs.name(shown), shown.projectDirectory(),
                monitor -> FilterJobs.details(shown, chosen, settings, monitor), read -> {
                    cache.put(key(shown, read.layer()), new Computed(read, pair));
                    while (cache.size() > CACHED) {
                        cache.remove(cache.keySet().iterator().next());
                    }
                    if (shown.equals(version) && (chosen == null || chosen.equals(layer))) {
                        arrive(cache.get(key(shown, read.layer())));
                    }
                }, problem -> {
                    message.setText("Cannot show the filters of " + (chosen == null ? "" : chosen + " of ")
                            + FilterJobs.name(shown) + ": " + problem);
                    fit();
                });
    }

    private static JsonObject pair(int[] classes) {
        JsonObject pair = new JsonObject();
        pair.addProperty("baseline", classes[0]);
        pair.addProperty("compared", classes[1]);
        return pair;
    }

    /** Shows nothing: for a version that was deleted, or before one is selected. */
    private void clear() {
        computing.cancel();
        version = null;
        layer = null;
        details = null;
        layers.removeAll();
        setContentDescription("");
        message.setText(NOTHING_SELECTED);
        showNothing();
    }

    private void showNothing() {
        filters.removeAll();
        scores.removeAll();
        ranking.removeAll();
        disposeImages();
        for (Label label : List.of(heading, kernelHeading, examplesHeading, topHeading, scoresHeading)) {
            label.setText("");
        }
        for (Control control : new Control[] {filters, scores}) {
            control.setVisible(false);
        }
        fit();
    }

    private void arrive(Computed computed) {
        FilterDetails read = computed.details();
        details = read;
        scoredPair = computed.pair();
        layer = read.layer();
        if (!read.convolutions().equals(List.of(layers.getItems()))) {
            layers.setItems(read.convolutions().toArray(String[]::new));
        }
        layers.select(read.convolutions().indexOf(layer));
        layers.getParent().getParent().layout(true, true);
        setContentDescription(layer + " of " + FilterJobs.name(version));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%d filters of %s; maps after its activation function, on %d test images.", read.filters(), layer,
                read.probeSamples()));
        read.failures().forEach((id, why) -> text.append("\n").append(metricName(id)).append(" did not score: ")
                .append(why));
        message.setText(text.toString());
        filters.setVisible(true);
        scores.setVisible(true);
        fillRanking();
        String shownLayer = key(version, layer);
        if (!shownLayer.equals(filterOf)) {
            // a new layer opens on its most important filter
            filterOf = shownLayer;
            filter = -1;
        }
        fillFilters();
    }

    private List<String> scoredMetrics() {
        List<String> ids = new ArrayList<>();
        for (MetricDescriptor descriptor : metricList) {
            if (details.scores().containsKey(descriptor.id())) {
                ids.add(descriptor.id());
            }
        }
        return ids;
    }

    private void fillRanking() {
        if (details == null) {
            return;
        }
        List<String> ids = scoredMetrics();
        if (!ids.contains(rankedBy) && !ids.isEmpty()) {
            rankedBy = ids.get(0);
        }
        String[] names = ids.stream().map(this::metricName).toArray(String[]::new);
        if (!List.of(names).equals(List.of(ranking.getItems()))) {
            ranking.setItems(names);
        }
        ranking.select(ids.indexOf(rankedBy));
        ranking.getParent().getParent().layout(true, true);
    }

    /** The layer's filters, most important first by the ranking metric, ticked where kept. */
    private void fillFilters() {
        if (details == null || !details.scores().containsKey(rankedBy)) {
            return;
        }
        filters.setRedraw(false);
        filters.removeAll();
        double[] score = details.scores().get(rankedBy);
        int[] ranked = FilterOrder.byImportance(score).ranked();
        for (int r = 0; r < ranked.length; r++) {
            TableItem item = new TableItem(filters, SWT.NONE);
            item.setData(ranked[r]);
            item.setText(new String[] {"#" + ranked[r], Integer.toString(r + 1), format(score[ranked[r]])});
        }
        filters.setRedraw(true);
        refreshChecks();
        showFilter(filter < 0 ? ranked[0] : filter);
    }

    private void refreshChecks() {
        BitSet union = kept.get(version, layer, details.filters()).union();
        for (TableItem item : filters.getItems()) {
            item.setChecked(union.get((Integer) item.getData()));
        }
        updateHeading();
    }

    /**
     * Shows one filter of the current layer.
     *
     * @param shownFilter the filter's index
     */
    public void showFilter(int shownFilter) {
        if (details == null || shownFilter < 0 || shownFilter >= details.filters()) {
            return;
        }
        filter = shownFilter;
        for (int i = 0; i < filters.getItemCount(); i++) {
            if ((Integer) filters.getItem(i).getData() == shownFilter) {
                filters.setSelection(i);
                filters.showItem(filters.getItem(i));
            }
        }
        updateHeading();
        disposeImages();
        FilterDetails.Kernels k = details.kernels();
        double weightRange = Math.max(k.range(shownFilter), 1e-12);
        kernelCell = k.inputs() <= 16 ? 2 * KERNEL_CELL : KERNEL_CELL;
        int kernelScale = Math.max(1, kernelCell / Math.max(k.height(), k.width()));
        for (int input = 0; input < k.inputs(); input++) {
            kernelImages.add(image(Pictures.signed(k.of(shownFilter, input), k.height(), k.width(), weightRange,
                    kernelScale), kernelCell));
        }
        double mapRange = details.mapRange(shownFilter);
        for (int e = 0; e < details.examples().length; e++) {
            FilterDetails.Image input = details.images().get(details.examples()[e]);
            exampleImages.add(new Image[] {picture(input), map(details.exampleMaps()[shownFilter][e], mapRange)});
        }
        for (TopActivations.Entry entry : details.top().get(shownFilter)) {
            topImages.add(new Image[] {picture(details.images().get(entry.sample())), map(entry.map(), mapRange)});
        }
        examplesHeading.setText("Its maps on the first test image of each class (jet: blue 0, red "
                + format(mapRange) + ")");
        topHeading.setText(String.format(Locale.ROOT, "The %d test images that activate it most (mean of its map),"
                + " with their maps", details.top().get(shownFilter).size()));
        fillScores();
        fit();
        kernels.redraw();
        examples.redraw();
        top.redraw();
    }

    private void updateHeading() {
        if (details == null || filter < 0) {
            return;
        }
        FilterDetails.Kernels k = details.kernels();
        BitSet union = kept.get(version, layer, details.filters()).union();
        heading.setText(String.format(Locale.ROOT, "Filter #%d of %s%s", filter, layer,
                union.get(filter) ? " — kept" : ""));
        kernelHeading.setText(String.format(Locale.ROOT, "Its kernel: %d input channel%s of %d × %d weights (blue −%s,"
                + " white 0, red +%s)", k.inputs(), k.inputs() == 1 ? "" : "s", k.height(), k.width(),
                format(k.range(filter)), format(k.range(filter))));
    }

    private void fillScores() {
        scores.removeAll();
        for (MetricDescriptor descriptor : metricList) {
            TableItem item = new TableItem(scores, SWT.NONE);
            String name = metricName(descriptor.id());
            if (descriptor.id().equals(FilterJobs.CPD) && scoredPair[0] < details.classNames().size()
                    && scoredPair[1] < details.classNames().size()) {
                name += " — " + details.classNames().get(scoredPair[0]) + " against "
                        + details.classNames().get(scoredPair[1]);
            }
            double[] score = details.scores().get(descriptor.id());
            if (score == null) {
                String why = details.failures().getOrDefault(descriptor.id(), "not computed");
                item.setText(new String[] {name, "—", why});
                continue;
            }
            int rank = details.rank(descriptor.id(), filter);
            item.setText(new String[] {name, format(score[filter]),
                    String.format(Locale.ROOT, "%d of %d%s", rank, details.filters(),
                            rank <= Math.max(1, details.filters() / 4) ? " (top quarter)"
                                    : rank > details.filters() * 3 / 4 ? " (bottom quarter)" : "")});
        }
        for (TableColumn column : scores.getColumns()) {
            column.pack();
        }
        scoresHeading.setText("Its score and rank under every installed metric (rank 1 is the most important)");
        GridDataFactory.fillDefaults().grab(true, false)
                .hint(SWT.DEFAULT, scores.getHeaderHeight() + scores.getItemCount() * scores.getItemHeight() + 4)
                .applyTo(scores);
    }

    private Image picture(FilterDetails.Image input) {
        int scale = Math.max(1, CELL / Math.max(input.shape().get(1), input.shape().get(2)));
        return image(Thumbnails.render(input.pixels(), input.shape(), scale), CELL);
    }

    private Image map(float[] values, double range) {
        int scale = Math.max(1, CELL / Math.max(details.mapHeight(), details.mapWidth()));
        return image(Pictures.map(values, details.mapHeight(), details.mapWidth(), range, scale), CELL);
    }

    /** An image of exactly side × side pixels (nearest neighbour when the scale was not whole). */
    private Image image(ImageData data, int side) {
        ImageData sized = data.width == side && data.height == side ? data : data.scaledTo(side, side);
        Image image = new Image(root.getDisplay(), sized);
        images.add(image);
        return image;
    }

    private void disposeImages() {
        images.forEach(Image::dispose);
        images.clear();
        kernelImages.clear();
        exampleImages.clear();
        topImages.clear();
    }

    private void paintKernels(GC gc) {
        int perRow = Math.max(1, (kernels.getSize().x + 3) / (kernelCell + 3));
        for (int i = 0; i < kernelImages.size(); i++) {
            gc.drawImage(kernelImages.get(i), (i % perRow) * (kernelCell + 3), (i / perRow) * (kernelCell + 3));
        }
    }

    private List<String[]> exampleCaptions() {
        List<String[]> captions = new ArrayList<>();
        if (details != null) {
            for (int e = 0; e < details.examples().length; e++) {
                FilterDetails.Image input = details.images().get(details.examples()[e]);
                captions.add(new String[] {details.classNames().get(input.label()),
                        format(mean(details.exampleMaps()[filter][e]))});
            }
        }
        return captions;
    }

    private List<String[]> topCaptions() {
        List<String[]> captions = new ArrayList<>();
        if (details != null) {
            for (TopActivations.Entry entry : details.top().get(filter)) {
                captions.add(new String[] {details.classNames().get(details.images().get(entry.sample()).label()),
                        format(entry.activation())});
            }
        }
        return captions;
    }

    /** Image above map, the class and the mean activation under them, as many per row as fit. */
    private void paintStrip(GC gc, List<Image[]> cells, List<String[]> captions) {
        int line = gc.getFontMetrics().getHeight();
        int width = CELL + GAP * 2;
        int perRow = Math.max(1, examples.getSize().x / width);
        for (int i = 0; i < cells.size() && i < captions.size(); i++) {
            int x = (i % perRow) * width;
            int y = (i / perRow) * stripRowHeight(line);
            gc.drawImage(cells.get(i)[0], x, y);
            gc.drawImage(cells.get(i)[1], x, y + CELL + 2);
            String name = TextFit.fit(gc, captions.get(i)[0], width - 2);
            gc.drawString(name, x, y + 2 * CELL + 4, true);
            gc.drawString("a = " + captions.get(i)[1], x, y + 2 * CELL + 4 + line, true);
        }
    }

    private static int stripRowHeight(int line) {
        return 2 * CELL + 4 + 2 * line + GAP;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** Sizes the canvases to their contents at the current width, then the scrolled area. */
    private void fit() {
        if (root.isDisposed()) {
            return;
        }
        int width = Math.max(kernels.getSize().x, 200);
        int kernelsPerRow = Math.max(1, (width + 3) / (kernelCell + 3));
        height(kernels, (kernelImages.size() + kernelsPerRow - 1) / kernelsPerRow * (kernelCell + 3));
        GC gc = new GC(root);
        int line = gc.getFontMetrics().getHeight();
        gc.dispose();
        int perRow = Math.max(1, width / (CELL + GAP * 2));
        height(examples, (exampleImages.size() + perRow - 1) / perRow * stripRowHeight(line));
        height(top, (topImages.size() + perRow - 1) / perRow * stripRowHeight(line));
        root.layout(true, true);
        Point size = root.computeSize(scroller.getClientArea().width, SWT.DEFAULT);
        scroller.setMinSize(Math.min(size.x, 560), size.y);
    }

    private static void height(Canvas canvas, int height) {
        GridDataFactory.fillDefaults().grab(true, false).hint(200, Math.max(1, height)).applyTo(canvas);
    }

    private String metricName(String id) {
        int index = metricIndex(id);
        return index < 0 ? id : metricList.get(index).name();
    }

    private int metricIndex(String id) {
        for (int i = 0; i < metricList.size(); i++) {
            if (metricList.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        return magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e5) ? String.format(Locale.ROOT, "%.3g", value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Every filter's scores under every metric, for the CSV export. */
    private List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (details == null) {
            return rows;
        }
        List<String> ids = scoredMetrics();
        List<String> header = new ArrayList<>(List.of("filter", "kept", "top images (probe index)"));
        for (String id : ids) {
            header.add(metricName(id) + " score");
            header.add(metricName(id) + " rank");
        }
        rows.add(header);
        BitSet union = kept.get(version, layer, details.filters()).union();
        for (int f = 0; f < details.filters(); f++) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(f), Boolean.toString(union.get(f)),
                    String.join(" ", details.top().get(f).stream().map(e -> Integer.toString(e.sample())).toList())));
            for (String id : ids) {
                row.add(Double.toString(details.scores().get(id)[f]));
                row.add(Integer.toString(details.rank(id, f)));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * What the view shows, for tests.
     *
     * @return the details of the current layer, or null while none are shown
     */
    public FilterDetails details() {
        return details;
    }

    /**
     * The filter shown, for tests.
     *
     * @return its index
     */
    public int filter() {
        return filter;
    }

    /**
     * Ticks or unticks a filter, as a click on its check box does.
     *
     * @param picked the filter
     * @param keep whether pruning keeps it
     */
    public void keep(int picked, boolean keep) {
        if (details != null) {
            kept.keep(version, layer, details.filters(), picked, keep);
        }
    }

    /**
     * The rows of the scores table, for tests.
     *
     * @return metric, score and rank of the filter shown
     */
    public List<List<String>> scoreRows() {
        return ViewExport.rows(scores);
    }

    @Override
    public void setFocus() {
        filters.setFocus();
    }

    @Override
    public void dispose() {
        kept.removeListener(keptListener);
        getSite().getPage().removeSelectionListener(listener);
        disposeImages();
        super.dispose();
    }

    @Override
    public ISelection getSelection() {
        return version == null || layer == null ? StructuredSelection.EMPTY
                : new StructuredSelection(new SelectedLayer(version, layer));
    }

    @Override
    public void setSelection(ISelection selection) {
        versionOrLayer(selection, this::show);
    }

    private record Computed(FilterDetails details, int[] pair) {
    }

    private static String key(ModelVersion version, String layer) {
        return version.projectDirectory() + "/" + version.model() + "/" + version.id() + "@" + layer;
    }
}
