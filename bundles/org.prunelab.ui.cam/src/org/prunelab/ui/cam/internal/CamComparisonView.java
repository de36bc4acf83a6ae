package org.prunelab.ui.cam.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.cam.Sp2ps;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.cam.GradCam;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Op;
import org.prunelab.ui.Controls;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Pictures;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

/**
 * The CAM comparison view (Sp2PS): for a version and its baseline (the root unless picked), the test
 * images with the baseline's class-activation map, the version's, and their difference, each with its
 * spatial (S), spectral (F) and harmonic (H) similarity; sorted worst first, filtered by class and by
 * changed predictions; above them the overall Sp2PS, the mean H per class and the histogram of H.
 * <p>
 * The comparison is an analysis stored with the version: the first job reads it, or computes and stores
 * it; a second job makes the maps of the images on screen. The view only renders what they return.
 */
public final class CamComparisonView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.CAM_COMPARISON;

    /** The family of the view's jobs. */
    public static final Object FAMILY = CamComparisonView.class;

    /** Images shown at first, and added by "Show more". */
    public static final int PAGE = 24;

    /** The sort orders offered. */
    static final List<String> SORTS = List.of("H, worst first", "H, best first", "Image number");

    private static final String NOTHING_SELECTED = "Select a pruned or fine-tuned version in the Exploration Tree "
            + "to see where it looks compared with its root model.";

    /**
     * One tile of the grid, for tests and the CSV export.
     *
     * @param sample the image's scores
     * @param bounds where it is drawn on the grid
     */
    public record Tile(CamComparison.Sample sample, Rectangle bounds) {
    }

    /** What the first job read: the model's versions, the pair compared, and their comparison. */
    private record Loaded(Path projectDir, DatasetSpec data, List<ModelVersion> versions, ModelVersion baseline,
            ModelVersion compared, List<String> layers, CamComparison.Settings settings, CamComparison.Result result) {
    }

    private Composite body;
    private StackLayout stack;
    private Label message;
    private Composite page;
    private Combo baselineCombo;
    private Combo comparedCombo;
    private Combo layerCombo;
    private Combo methodCombo;
    private Combo classCombo;
    private Combo sortCombo;
    private Button changedOnly;
    private Label headline;
    private Canvas summary;
    private ScrolledComposite summaryScroller;
    private ScrolledComposite scroller;
    private Canvas grid;
    private Button more;

    private ViewJobs reading;
    private ViewJobs mapping;
    private Loaded shown;
    private ModelVersion requested;
    private String status = NOTHING_SELECTED;
    private boolean updating;
    private int limit = PAGE;
    private List<CamComparison.Sample> visible = List.of();
    private final List<Tile> tiles = new ArrayList<>();
    private final Map<Integer, CamComparison.ImageMaps> maps = new HashMap<>();
    private final Map<Integer, Image[]> pictures = new HashMap<>();

    private final ISelectionListener selectionListener = (IWorkbenchPart part, ISelection chosen) -> {
        if (part != this) {
            versionOrLayer(chosen, (version, layer) -> show(version));
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        body = new Composite(parent, SWT.NONE);
        stack = new StackLayout();
        body.setLayout(stack);
        message = new Label(body, SWT.WRAP);
        message.setText(NOTHING_SELECTED);

        page = new Composite(body, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 4).spacing(4, 4).applyTo(page);
        // the controls wrap onto more lines where the view is narrow, each label with its combo
        Composite controls = Controls.wrappingRow(page);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(controls);
        baselineCombo = Controls.labelledCombo(controls, "Baseline:", "The version compared against: the root model unless you pick another");
        comparedCombo = Controls.labelledCombo(controls, "Compared:", "The version whose maps are compared with the baseline's");
        layerCombo = Controls.labelledCombo(controls, "Layer:", "The convolution explained by Grad-CAM in both versions");
        methodCombo = Controls.labelledCombo(controls, "Method:", "How the channels of the convolution are weighted");
        methodCombo.setItems("Grad-CAM", "Grad-CAM++");
        methodCombo.select(0);
        classCombo = Controls.labelledCombo(controls, "Class:", "Show the images of one true class");
        sortCombo = Controls.labelledCombo(controls, "Sort:", "The order of the images");
        sortCombo.setItems(SORTS.toArray(String[]::new));
        sortCombo.select(0);
        changedOnly = new Button(controls, SWT.CHECK);
        changedOnly.setText("Prediction changed only");
        changedOnly.setToolTipText("Show only the images the two versions classify differently");

        headline = new Label(page, SWT.WRAP);
        headline.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        GridDataFactory.fillDefaults().grab(true, false).applyTo(headline);
        // the grid is what the view is for: it takes most of the width, the summary a column beside it
        SashForm split = new SashForm(page, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        // where the view is short, the summary scrolls rather than squeeze its class names away
        summaryScroller = new ScrolledComposite(split, SWT.V_SCROLL);
        summaryScroller.setExpandHorizontal(true);
        summaryScroller.setExpandVertical(true);
        summary = new Canvas(summaryScroller, SWT.DOUBLE_BUFFERED);
        summary.addPaintListener(e -> paintSummary(e.gc, summary.getClientArea()));
        summary.addListener(SWT.Resize, e -> summary.redraw());
        summaryScroller.setContent(summary);
        Composite images = new Composite(split, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(4, 4).applyTo(images);
        scroller = new ScrolledComposite(images, SWT.V_SCROLL | SWT.BORDER);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        grid = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
        grid.setBackground(body.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        grid.addPaintListener(e -> paintGrid(e.gc));
        grid.addListener(SWT.MouseDown, this::clicked);
        scroller.setContent(grid);
        scroller.addListener(SWT.Resize, e -> layoutGrid());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
        more = new Button(images, SWT.PUSH);
        more.setText("Show " + PAGE + " more");
        more.addListener(SWT.Selection, e -> {
            limit += PAGE;
            refilter();
        });
        split.setWeights(30, 70);

        baselineCombo.addListener(SWT.Selection, e -> repick());
        comparedCombo.addListener(SWT.Selection, e -> repick());
        layerCombo.addListener(SWT.Selection, e -> repick());
        methodCombo.addListener(SWT.Selection, e -> repick());
        classCombo.addListener(SWT.Selection, e -> refilterFromStart());
        sortCombo.addListener(SWT.Selection, e -> refilterFromStart());
        changedOnly.addListener(SWT.Selection, e -> refilterFromStart());

        stack.topControl = message;
        reading = new ViewJobs(body, FAMILY);
        mapping = new ViewJobs(body, FAMILY);
        body.addListener(SWT.Dispose, e -> disposePictures());
        DeletedVersions.watch(body, () -> shown != null ? shown.compared() : requested, gone -> clear());
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(body.getShell(), this::picture, this::exportName));
        menu.add(ViewExport.csvAction(body.getShell(), this::table, this::exportName));
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(selectionListener);
        selectionListener.selectionChanged(null, getSite().getPage().getSelection(PruningPerspective.EXPLORATION_TREE));
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(selectionListener);
        super.dispose();
    }

    @Override
    public void setFocus() {
        (stack.topControl == page ? grid : message).setFocus();
    }

    @Override
    public ISelection getSelection() {
        return shown == null ? StructuredSelection.EMPTY : new StructuredSelection(shown.compared());
    }

    @Override
    public void setSelection(ISelection selection) {
        versionOrLayer(selection, (version, layer) -> show(version));
    }

    /**
     * Compares a version with its root (or with the baseline picked for its model).
     *
     * @param version the version to compare
     */
    public void show(ModelVersion version) {
        if (version == null || version.equals(requested) || requested == null && shown != null
                && version.equals(shown.compared())) {
            return;
        }
        String baseline = shown != null && shown.baseline().model().equals(version.model())
                && !shown.baseline().equals(version) ? shown.baseline().id() : PruningService.ROOT;
        request(version.projectDirectory(), baseline, version, settings());
    }

    private CamComparison.Settings settings() {
        String layer = layerCombo.getSelectionIndex() <= 0 ? "" : layerCombo.getText();
        GradCam.Method method = methodCombo.getSelectionIndex() == 1 ? GradCam.Method.GRAD_CAM_PLUS_PLUS
                : GradCam.Method.GRAD_CAM;
        return new CamComparison.Settings(layer, method, Sp2ps.Spatial.SSIM, Sp2ps.Spectral.LOG_MAGNITUDE, 0);
    }

    /** A pick in the controls: the same model, other versions or settings. */
    private void repick() {
        if (updating || shown == null) {
            return;
        }
        String baseline = shown.versions().get(baselineCombo.getSelectionIndex()).id();
        request(shown.projectDir(), baseline, shown.versions().get(comparedCombo.getSelectionIndex()), settings());
    }

    private void request(Path projectDir, String baselineId, ModelVersion compared, CamComparison.Settings settings) {
        String model = compared.model();
        String comparedId = compared.id();
        CamComparisonProvider provider = provider();
        status = "Comparing where " + comparedId + " looks with " + baselineId + " (Grad-CAM over the test set; "
                + "the result is stored with " + comparedId + ")…";
        if (shown == null) {
            message.setText(status);
            stack.topControl = message;
            body.layout();
        } else {
            headline.setText(status);
        }
        requested = null;
        mapping.cancel();
        reading.read("CAM comparison of " + model + " " + baselineId + " and " + comparedId, projectDir,
                monitor -> load(provider, projectDir, model, baselineId, comparedId, settings, monitor), this::render,
                this::failed);
        requested = compared;
    }

    private static CamComparisonProvider provider() {
        return new CamComparisonProvider(VersionJob.runtime(), Services.find(AnalysisRegistry.class)
                .orElseThrow(() -> new IllegalStateException("the analysis registry is not running")));
    }

    private static Loaded load(CamComparisonProvider provider, Path projectDir, String model, String baselineId,
            String comparedId, CamComparison.Settings settings, IProgressMonitor monitor) throws IOException {
        VersionStore store = new VersionStore(projectDir);
        List<ModelVersion> versions = store.versions(model);
        ModelVersion baseline = store.version(model, baselineId);
        ModelVersion compared = store.version(model, comparedId);
        DatasetSpec data = VersionJob.dataset(projectDir);
        List<String> layers = ModelFiles.network(compared.directory()).layersOf(Op.Conv2d.class).stream()
                .map(Layer::id).toList();
        CamComparison.Result result = null;
        if (!baseline.equals(compared)) {
            CamComparisonProvider.Comparison comparison = provider.comparison(
                    new CamComparisonProvider.Request(baseline, compared, data, settings), monitor);
            if (!comparison.reused()) {
                // the tree, Properties and the Performance view show the new Sp2PS
                VersionJob.refreshModels(projectDir);
            }
            result = comparison.result();
        }
        return new Loaded(projectDir, data, versions, baseline, compared, layers, settings, result);
    }

    private void render(Loaded loaded) {
        disposePictures();
        maps.clear();
        shown = loaded;
        requested = null;
        updating = true;
        try {
            List<String> ids = loaded.versions().stream().map(ModelVersion::id).toList();
            baselineCombo.setItems(ids.toArray(String[]::new));
            baselineCombo.select(ids.indexOf(loaded.baseline().id()));
            comparedCombo.setItems(ids.toArray(String[]::new));
            comparedCombo.select(ids.indexOf(loaded.compared().id()));
            List<String> layerItems = new ArrayList<>();
            layerItems.add("last convolution");
            layerItems.addAll(loaded.layers());
            layerCombo.setItems(layerItems.toArray(String[]::new));
            layerCombo.select(loaded.settings().layer().isEmpty() ? 0 : Math.max(0, layerItems.indexOf(loaded.settings().layer())));
            if (loaded.result() != null) {
                List<String> classes = new ArrayList<>();
                classes.add("All classes");
                classes.addAll(loaded.result().classNames());
                int chosen = classCombo.getSelectionIndex();
                classCombo.setItems(classes.toArray(String[]::new));
                classCombo.select(chosen > 0 && chosen < classes.size() ? chosen : 0);
            }
        } finally {
            updating = false;
        }
        stack.topControl = page;
        if (loaded.result() == null) {
            status = loaded.compared().id() + " is the baseline itself: pick another version to compare, above, or "
                    + "select one in the Exploration Tree.";
        } else {
            CamComparison.Result r = loaded.result();
            status = String.format(Locale.ROOT, "Sp2PS %.3f   (S %.3f, F %.3f)   %s against %s at %s, %d images, "
                    + "%d predictions changed", r.sp2ps(), r.meanSpatial(), r.meanSpectral(), loaded.compared().id(),
                    loaded.baseline().id(), r.layer(), r.samples().size(), r.changedPredictions());
        }
        headline.setText(status);
        // room for a line per class and a histogram of eight lines
        summaryScroller.setMinSize(0, loaded.result() == null ? 0
                : (loaded.result().classNames().size() + 10) * lineHeight() + 24);
        // the stack shows the page only once the body is laid out again
        body.layout(true, true);
        fireSelectionChanged();
        refilterFromStart();
    }

    private void failed(String reason) {
        requested = null;
        status = reason;
        if (shown == null) {
            message.setText(reason);
            stack.topControl = message;
            body.layout();
        } else {
            headline.setText(reason);
            page.layout(true, true);
        }
    }

    private void clear() {
        reading.cancel();
        mapping.cancel();
        disposePictures();
        maps.clear();
        shown = null;
        requested = null;
        visible = List.of();
        tiles.clear();
        status = NOTHING_SELECTED;
        message.setText(status);
        stack.topControl = message;
        body.layout();
    }

    private void refilterFromStart() {
        limit = PAGE;
        refilter();
    }

    /** Filters and sorts the stored scores (no computation: a few thousand records), then asks for maps. */
    private void refilter() {
        if (shown == null || shown.result() == null) {
            visible = List.of();
            layoutGrid();
            return;
        }
        int chosenClass = classCombo.getSelectionIndex() - 1;
        Predicate<CamComparison.Sample> keep = s -> (chosenClass < 0 || s.label() == chosenClass)
                && (!changedOnly.getSelection() || s.predictionChanged());
        Comparator<CamComparison.Sample> order = switch (sortCombo.getSelectionIndex()) {
            case 1 -> Comparator.comparingDouble(CamComparison.Sample::harmonic).reversed();
            case 2 -> Comparator.comparingInt(CamComparison.Sample::index);
            default -> Comparator.comparingDouble(CamComparison.Sample::harmonic);
        };
        visible = shown.result().samples().stream().filter(keep).sorted(order).toList();
        more.setEnabled(visible.size() > limit);
        summary.redraw();
        layoutGrid();
        requestMaps();
    }

    private void requestMaps() {
        Loaded loaded = shown;
        int[] missing = visible.stream().limit(limit).mapToInt(CamComparison.Sample::index)
                .filter(i -> !maps.containsKey(i)).toArray();
        if (missing.length == 0) {
            return;
        }
        CamComparisonProvider provider = provider();
        CamComparisonProvider.Request request = new CamComparisonProvider.Request(loaded.baseline(), loaded.compared(),
                loaded.data(), loaded.settings());
        mapping.compute("Class-activation maps of " + missing.length + " images", loaded.projectDir(),
                monitor -> provider.maps(request, missing, monitor), list -> {
                    if (shown == loaded) {
                        list.forEach(m -> maps.put(m.index(), m));
                        grid.redraw();
                    }
                }, this::failed);
    }

    private int summaryHeight() {
        GC gc = new GC(body.getDisplay());
        try {
            return gc.getFontMetrics().getHeight() * 12;
        } finally {
            gc.dispose();
        }
    }

    private void paintSummary(GC gc, Rectangle area) {
        if (shown == null || shown.result() == null) {
            return;
        }
        if (area.height > area.width / 2) {
            // a column beside the grid: the bars above the histogram, the bars first given a line per class
            int line = gc.getFontMetrics().getHeight();
            int bars = Math.max(area.height / 2, Math.min((shown.result().classNames().size() + 1) * line + 4,
                    area.height - 8 * line));
            SummaryPainter.perClass(gc, shown.result(), area.x + 4, area.y, area.width - 8, bars);
            SummaryPainter.histogram(gc, visible, shown.result().sp2ps(), area.x + 4, area.y + bars + 8,
                    area.width - 8, area.height - bars - 8);
        } else {
            int half = (area.width - 24) / 2;
            SummaryPainter.perClass(gc, shown.result(), area.x, area.y, half, area.height);
            SummaryPainter.histogram(gc, visible, shown.result().sp2ps(), area.x + half + 24, area.y, half, area.height);
        }
    }

    /**
     * The whole grid drawn off screen, the tiles scrolled out of view included, in the coordinates of
     * {@link Tile#bounds()}.
     *
     * @return its pixels
     */
    public ImageData gridPicture() {
        return offScreen(grid.getSize().x, grid.getSize().y, gc -> paintGrid(gc));
    }

    /** What "Export PNG…" saves: the headline, the summary and the whole grid. */
    private ImageData picture() {
        int width = grid.getSize().x;
        int line = lineHeight();
        // the summary as a strip above the grid, bars and histogram side by side
        int strip = summaryHeight();
        int top = 2 * line + strip;
        return offScreen(width, top + grid.getSize().y, gc -> {
            gc.drawString(status, 8, 4, true);
            paintSummary(gc, new Rectangle(0, 2 * line, width, strip));
            Transform below = new Transform(gc.getDevice());
            below.translate(0, top);
            gc.setTransform(below);
            paintGrid(gc);
            gc.setTransform(null);
            below.dispose();
        });
    }

    private ImageData offScreen(int width, int height, Consumer<GC> painter) {
        Image image = new Image(grid.getDisplay(), Math.max(1, width), Math.max(1, height));
        GC gc = new GC(image);
        try {
            gc.setBackground(grid.getBackground());
            gc.setForeground(grid.getForeground());
            gc.setFont(grid.getFont());
            gc.fillRectangle(0, 0, Math.max(1, width), Math.max(1, height));
            painter.accept(gc);
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private int scale() {
        int side = shown == null || shown.result() == null ? 28 : Math.max(1, maps.isEmpty() ? 28
                : maps.values().iterator().next().camA().length);
        return Math.max(1, 84 / side);
    }

    private int imageSide() {
        return maps.isEmpty() ? 84 : maps.values().iterator().next().camA().length * scale();
    }

    private int lineHeight() {
        GC gc = new GC(grid);
        try {
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    private void layoutGrid() {
        tiles.clear();
        int side = imageSide();
        int line = lineHeight();
        int tileWidth = 4 * side + 3 * 4 + 16;
        int tileHeight = side + 2 * line + 14;
        int width = Math.max(tileWidth, scroller.getClientArea().width);
        int columns = Math.max(1, width / tileWidth);
        int caption = 3 * line + 8;
        int n = Math.min(limit, visible.size());
        for (int i = 0; i < n; i++) {
            tiles.add(new Tile(visible.get(i), new Rectangle(8 + (i % columns) * tileWidth,
                    caption + (i / columns) * tileHeight, tileWidth - 16, tileHeight - 8)));
        }
        int rows = (n + columns - 1) / columns;
        scroller.setMinSize(tileWidth, caption + rows * tileHeight + 8);
        grid.redraw();
    }

    private void paintGrid(GC gc) {
        if (shown == null || shown.result() == null) {
            return;
        }
        int line = gc.getFontMetrics().getHeight();
        String a = shown.baseline().id();
        String b = shown.compared().id();
        int room = Math.max(40, grid.getSize().x - 16);
        String[] caption = {"Each image: the input · " + a + "'s map · " + b + "'s map (blue cold, red hot)",
                b + " − " + a + ": red where " + b + " looks more, blue where less",
                visible.isEmpty() ? "No image matches the filter."
                        : "Showing " + tiles.size() + " of " + visible.size() + " images; click one to enlarge it."};
        for (int i = 0; i < caption.length; i++) {
            gc.drawString(TextFit.fit(gc, caption[i], room), 8, 2 + i * line, true);
        }
        List<String> names = shown.result().classNames();
        int side = imageSide();
        for (Tile tile : tiles) {
            Rectangle r = tile.bounds();
            CamComparison.Sample s = tile.sample();
            Image[] images = pictures(s.index());
            for (int k = 0; k < 4; k++) {
                int x = r.x + k * (side + 4);
                if (images != null) {
                    gc.drawImage(images[k], x, r.y);
                } else {
                    gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
                    gc.fillRectangle(x, r.y, side, side);
                }
            }
            String label = "#" + s.index() + " " + names.get(s.label())
                    + (s.predictionChanged() ? ": " + a + " says " + names.get(s.predictedA()) + ", " + b + " "
                            + names.get(s.predictedB()) : "");
            gc.drawString(TextFit.fit(gc, label, r.width), r.x, r.y + side + 2, true);
            gc.drawString(String.format(Locale.ROOT, "S %.3f   F %.3f   H %.3f", s.spatial(), s.spectral(),
                    s.harmonic()), r.x, r.y + side + 2 + line, true);
        }
    }

    /** The four pictures of an image, made once its maps arrived. */
    private Image[] pictures(int index) {
        Image[] cached = pictures.get(index);
        if (cached != null) {
            return cached;
        }
        CamComparison.ImageMaps m = maps.get(index);
        if (m == null) {
            return null;
        }
        int scale = scale();
        Image[] made = {new Image(grid.getDisplay(), Pictures.input(m.pixels(), scale)),
            new Image(grid.getDisplay(), Pictures.overlay(m.pixels(), m.camA(), scale)),
            new Image(grid.getDisplay(), Pictures.overlay(m.pixels(), m.camB(), scale)),
            new Image(grid.getDisplay(), Pictures.difference(m.camA(), m.camB(), scale))};
        pictures.put(index, made);
        return made;
    }

    private void disposePictures() {
        for (Image[] images : pictures.values()) {
            for (Image image : images) {
                image.dispose();
            }
        }
        pictures.clear();
    }

    private void clicked(Event event) {
        for (Tile tile : tiles) {
            if (tile.bounds().contains(event.x, event.y)) {
                CamComparison.ImageMaps m = maps.get(tile.sample().index());
                if (m != null) {
                    EnlargedImage.open(grid.getShell(), shown.baseline().id(), shown.compared().id(),
                            shown.result().classNames(), tile.sample(), m);
                }
                return;
            }
        }
    }

    private String exportName() {
        return shown == null ? "cam-comparison" : "cam-comparison-" + shown.baseline().id() + "-" + shown.compared().id();
    }

    private List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("image", "label", "predicted (baseline)", "predicted (compared)", "S", "F", "H"));
        if (shown != null && shown.result() != null) {
            List<String> names = shown.result().classNames();
            for (CamComparison.Sample s : visible) {
                rows.add(List.of(Integer.toString(s.index()), names.get(s.label()), names.get(s.predictedA()),
                        names.get(s.predictedB()), Double.toString(s.spatial()), Double.toString(s.spectral()),
                        Double.toString(s.harmonic())));
            }
        }
        return rows;
    }

    /**
     * The tiles drawn, in order.
     *
     * @return the images on screen and where
     */
    public List<Tile> tiles() {
        return List.copyOf(tiles);
    }

    /**
     * The comparison shown.
     *
     * @return its result, or null
     */
    public CamComparison.Result result() {
        return shown == null ? null : shown.result();
    }

    /**
     * The pair shown.
     *
     * @return baseline and compared version, or an empty list
     */
    public List<ModelVersion> pair() {
        return shown == null ? List.of() : List.of(shown.baseline(), shown.compared());
    }

    /**
     * Whether the comparison's page (controls, summary, grid) is what the view shows, not the message.
     *
     * @return true once a comparison is rendered
     */
    public boolean pageVisible() {
        return page.isVisible() && !message.isVisible();
    }

    /**
     * Whether the maps of every image on screen have arrived.
     *
     * @return true when the grid is complete
     */
    public boolean mapsShown() {
        return tiles.stream().allMatch(t -> maps.containsKey(t.sample().index()));
    }

    /**
     * What the view says: the summary line, or why there is none.
     *
     * @return the status
     */
    public String status() {
        return status;
    }

    /**
     * Whether a job of the view is running.
     *
     * @return true while it reads, computes or makes maps
     */
    public boolean busy() {
        return reading.busy() || mapping.busy();
    }

    /**
     * Picks the class filter (for tests and the keyboard-less).
     *
     * @param label a class index, or −1 for all
     * @param changed whether only changed predictions are shown
     */
    public void filter(int label, boolean changed) {
        classCombo.select(label + 1);
        changedOnly.setSelection(changed);
        refilterFromStart();
    }

    /**
     * The grid.
     *
     * @return its canvas
     */
    public Canvas grid() {
        return grid;
    }
}
