package org.prunelab.ui.robustness.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.prunelab.analyses.FragileSamplesAnalysis;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.corruptions.CorruptionRegistry;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.corruption.ImageCorruption;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.internal.Thumbnails;

/**
 * The Fragile Samples view: the test samples a pruned version breaks — those its root classifies right and
 * it classifies wrong — or those whose prediction a corruption flips, the largest fall of the margin first;
 * each with its clean and corrupted image and both versions' predictions and margins, clean and corrupted.
 * Above them, how many per class. Clicking a sample rings it in the Geometry view.
 */
public final class FragileSamplesView extends LotteryView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.FRAGILE_SAMPLES;

    /** Samples shown at first, and added by "Show more". */
    public static final int PAGE = 30;

    /** The lists offered. */
    static final List<String> LISTS = List.of("Broken by pruning", "Flipped by the corruption");

    private static final int SEED = 1;

    /**
     * What a job read.
     *
     * @param model the model's versions and dataset
     * @param compared the pruned version
     * @param result its fragile samples against the root
     */
    record Loaded(Model model, ModelVersion compared, FragileSamplesAnalysis.Result result) {
    }

    /**
     * One tile as drawn, for clicks and tests.
     *
     * @param sample the sample
     * @param bounds where it is drawn on the grid
     */
    public record Tile(FragileSamplesAnalysis.Sample sample, Rectangle bounds) {
    }

    private Combo corruptionCombo;
    private Combo severityCombo;
    private Combo listCombo;
    private Combo classCombo;
    private Canvas counts;
    private ScrolledComposite scroller;
    private Canvas grid;
    private Button more;
    private ViewJobs drawing;
    private Loaded shown;
    private ModelVersion requested;
    private boolean updating;
    private int limit = PAGE;
    private int picked = -1;
    private List<FragileSamplesAnalysis.Sample> visible = List.of();
    private final List<Tile> tiles = new ArrayList<>();
    private final Map<Integer, Image[]> pictures = new HashMap<>();

    @Override
    protected String nothingSelected() {
        return "Select a pruned or fine-tuned version in the Exploration Tree, or click a cell of the Robustness "
                + "view, to see the samples pruning and corruptions break.";
    }

    @Override
    protected void createContent(Composite parent) {
        corruptionCombo = combo("Corruption:", "The corruption applied to the test images");
        List<String> names = CorruptionRegistry.installed().all().stream().map(ImageCorruption::name).toList();
        fill(corruptionCombo, names, null);
        severityCombo = combo("Severity:", "1 mild to 5 strong");
        fill(severityCombo, List.of("1", "2", "3", "4", "5"), "3");
        listCombo = combo("Show:", "Broken by pruning: right by the root, wrong by this version (clean images). "
                + "Flipped: this version's prediction changes under the corruption");
        fill(listCombo, LISTS, null);
        classCombo = combo("Class:", "Show the samples of one true class");
        counts = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        counts.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        counts.addPaintListener(e -> paintCounts(e.gc, counts.getClientArea()));
        counts.addListener(SWT.Resize, e -> counts.redraw());
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 5 * lineHeight(parent) + 8)
                .applyTo(counts);
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.BORDER);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        grid = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
        grid.setBackground(counts.getBackground());
        grid.addPaintListener(e -> paintGrid(e.gc));
        grid.addListener(SWT.MouseDown, this::clicked);
        scroller.setContent(grid);
        scroller.addListener(SWT.Resize, e -> layoutGrid());
        GridDataFactory.fillDefaults().grab(true, true).applyTo(scroller);
        more = new Button(parent, SWT.PUSH);
        more.setText("Show " + PAGE + " more");
        more.addListener(SWT.Selection, e -> {
            limit += PAGE;
            refilter();
        });
        drawing = new ViewJobs(parent, FragileSamplesView.class);
        parent.addListener(SWT.Dispose, e -> disposePictures());
        corruptionCombo.addListener(SWT.Selection, e -> repick());
        severityCombo.addListener(SWT.Selection, e -> repick());
        listCombo.addListener(SWT.Selection, e -> refilterFromStart());
        classCombo.addListener(SWT.Selection, e -> refilterFromStart());
    }

    private static int lineHeight(Composite parent) {
        GC gc = new GC(parent);
        try {
            return gc.getFontMetrics().getHeight();
        } finally {
            gc.dispose();
        }
    }

    @Override
    protected void selected(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof SelectedCell cell) {
            show(cell);
            return;
        }
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof SelectedSample sample) {
            picked = sample.index();
            grid.redraw();
            return;
        }
        versionOrLayer(selection, (version, layer) -> show(version));
    }

    @Override
    public ISelection getSelection() {
        return selection(shown == null ? null : shown.compared(), picked);
    }

    @Override
    protected ModelVersion shownVersion() {
        return requested != null ? requested : shown == null ? null : shown.compared();
    }

    @Override
    protected void clear() {
        drawing.cancel();
        disposePictures();
        shown = null;
        requested = null;
        visible = List.of();
        tiles.clear();
    }

    /**
     * Shows the fragile samples of a version against its root, under the corruption chosen.
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        if (version == null || version.equals(requested) || requested == null && shown != null
                && version.equals(shown.compared())) {
            return;
        }
        request(version);
    }

    /**
     * Shows the samples a corruption flips for a version, as a cell of the Robustness view asks.
     *
     * @param cell the version, corruption and severity
     */
    public void show(SelectedCell cell) {
        updating = true;
        try {
            List<String> ids = CorruptionRegistry.installed().all().stream().map(ImageCorruption::id).toList();
            corruptionCombo.select(Math.max(0, ids.indexOf(cell.corruption())));
            severityCombo.select(cell.severity() - 1);
            listCombo.select(1);
        } finally {
            updating = false;
        }
        limit = PAGE;
        request(cell.version());
    }

    private void repick() {
        if (!updating && shown != null) {
            request(shown.compared());
        }
    }

    private FragileSamplesAnalysis.Settings settings() {
        String corruption = CorruptionRegistry.installed().all().get(Math.max(0, corruptionCombo.getSelectionIndex()))
                .id();
        return new FragileSamplesAnalysis.Settings(corruption, severityCombo.getSelectionIndex() + 1, 0, SEED);
    }

    private void request(ModelVersion version) {
        RobustnessLotteryProvider provider = provider();
        FragileSamplesAnalysis.Settings settings = settings();
        progress("Finding the samples " + version.id() + " breaks (its root and it on the clean and the corrupted test "
                + "set; stored with " + version.id() + ")…", shown != null);
        requested = version;
        drawing.cancel();
        reading.read("Fragile samples of " + version.model() + " " + version.id(), version.projectDirectory(),
                monitor -> load(provider, version, settings, monitor), this::render, this::failed);
    }

    private static Loaded load(RobustnessLotteryProvider provider, ModelVersion version,
            FragileSamplesAnalysis.Settings settings, IProgressMonitor monitor) throws IOException {
        Model model = Model.of(version);
        FragileSamplesAnalysis.Result result = version.equals(model.root()) ? null
                : provider.fragile(model.root(), version, model.data(), settings, monitor);
        return new Loaded(model, version, result);
    }

    private void render(Loaded loaded) {
        disposePictures();
        shown = loaded;
        requested = null;
        if (loaded.result() == null) {
            visible = List.of();
            tiles.clear();
            showPage(loaded.compared().id() + " is the root: select a pruned or fine-tuned version to see the samples "
                    + "it breaks.");
            counts.redraw();
            grid.redraw();
            fireSelectionChanged();
            return;
        }
        FragileSamplesAnalysis.Result r = loaded.result();
        updating = true;
        try {
            List<String> classes = new ArrayList<>();
            classes.add("All classes");
            classes.addAll(r.classNames());
            int chosen = classCombo.getSelectionIndex();
            fill(classCombo, classes, chosen > 0 && chosen < classes.size() ? classes.get(chosen) : null);
        } finally {
            updating = false;
        }
        showPage(String.format(Locale.ROOT, "%s against %s on %d test images: %d broken by pruning, %d flipped by %s "
                + "at severity %d", r.compared(), r.baseline(), r.images(), r.brokenByPruning().size(),
                r.flippedByCorruption().size(), RobustnessView.name(r.corruption()), r.severity()));
        fireSelectionChanged();
        refilterFromStart();
    }

    private void failed(String reason) {
        requested = null;
        progress(reason, shown != null);
    }

    private void refilterFromStart() {
        limit = PAGE;
        refilter();
    }

    private void refilter() {
        if (shown == null || shown.result() == null) {
            return;
        }
        List<FragileSamplesAnalysis.Sample> list = listCombo.getSelectionIndex() == 1
                ? shown.result().flippedByCorruption() : shown.result().brokenByPruning();
        int label = classCombo.getSelectionIndex() - 1;
        List<FragileSamplesAnalysis.Sample> chosen = list.stream().filter(s -> label < 0 || s.label() == label)
                .toList();
        visible = chosen.subList(0, Math.min(limit, chosen.size()));
        more.setEnabled(visible.size() < chosen.size());
        counts.redraw();
        layoutGrid();
        int[] missing = visible.stream().mapToInt(FragileSamplesAnalysis.Sample::index)
                .filter(i -> !pictures.containsKey(i)).toArray();
        if (missing.length == 0) {
            return;
        }
        Loaded loaded = shown;
        DatasetSpec data = loaded.model().data();
        String corruption = loaded.result().corruption();
        int severity = loaded.result().severity();
        drawing.read("Images of the fragile samples", loaded.model().projectDir(), monitor -> {
            RobustnessLotteryProvider.Pictures p = RobustnessLotteryProvider.pictures(loaded.model().projectDir(),
                    data, missing, corruption, severity, SEED);
            int scale = Math.max(1, 56 / p.shape().get(2));
            List<ImageData[]> out = new ArrayList<>();
            for (int i = 0; i < missing.length; i++) {
                out.add(new ImageData[] {Thumbnails.render(p.clean().get(i), p.shape(), scale),
                        Thumbnails.render(p.corrupted().get(i), p.shape(), scale)});
            }
            return out;
        }, made -> {
            if (shown != loaded) {
                return;
            }
            for (int i = 0; i < missing.length; i++) {
                ImageData[] two = made.get(i);
                pictures.put(missing[i], new Image[] {new Image(grid.getDisplay(), two[0]),
                        new Image(grid.getDisplay(), two[1])});
            }
            grid.redraw();
        }, reason -> headline.setText(reason));
    }

    private void disposePictures() {
        for (Image[] two : pictures.values()) {
            for (Image image : two) {
                image.dispose();
            }
        }
        pictures.clear();
    }

    private int tileWidth(GC gc) {
        return 2 * 56 + 24 + Math.max(200, gc.textExtent("corrupted: base Trouser  v10 Trouser").x + 8);
    }

    private void layoutGrid() {
        GC gc = new GC(grid);
        tiles.clear();
        try {
            int line = gc.getFontMetrics().getHeight();
            int width = tileWidth(gc);
            // the images and their captions on the left, four lines of text on the right, and the gap
            int height = Math.max(56 + line + 10, 4 * line + 16) + 6;
            int available = Math.max(width, scroller.getClientArea().width);
            int columns = Math.max(1, available / width);
            for (int i = 0; i < visible.size(); i++) {
                tiles.add(new Tile(visible.get(i), new Rectangle((i % columns) * width, (i / columns) * height,
                        width - 6, height - 6)));
            }
            int rows = (visible.size() + columns - 1) / columns;
            scroller.setMinSize(available, Math.max(1, rows * height));
        } finally {
            gc.dispose();
        }
        grid.redraw();
    }

    private void paintGrid(GC gc) {
        if (shown == null || shown.result() == null) {
            return;
        }
        List<String> names = shown.result().classNames();
        int line = gc.getFontMetrics().getHeight();
        if (tiles.isEmpty()) {
            gc.setForeground(Colours.TEXT);
            gc.drawText("No sample of this list" + (classCombo.getSelectionIndex() > 0 ? " and class" : "")
                    + ": pick another list, class, corruption or severity.", 8, 8, true);
            return;
        }
        String base = shown.result().baseline();
        String compared = shown.result().compared();
        for (Tile tile : tiles) {
            FragileSamplesAnalysis.Sample s = tile.sample();
            Rectangle b = tile.bounds();
            if (s.index() == picked) {
                gc.setForeground(Colours.HIGHLIGHT);
                gc.setLineWidth(2);
                gc.drawRectangle(b.x + 1, b.y + 1, b.width - 2, b.height - 2);
                gc.setLineWidth(1);
            }
            Image[] two = pictures.get(s.index());
            int x = b.x + 4;
            if (two != null) {
                gc.drawImage(two[0], x, b.y + 4);
                gc.drawImage(two[1], x + 60, b.y + 4);
            } else {
                gc.setBackground(Colours.GRID);
                gc.fillRectangle(x, b.y + 4, 56, 56);
                gc.fillRectangle(x + 60, b.y + 4, 56, 56);
            }
            gc.setForeground(Colours.AXIS);
            gc.drawText("clean", x + (56 - gc.textExtent("clean").x) / 2, b.y + 62, true);
            gc.drawText("corrupted", x + 60 + (56 - gc.textExtent("corrupted").x) / 2, b.y + 62, true);
            int tx = x + 2 * 56 + 20;
            int width = b.x + b.width - tx - 2;
            gc.setForeground(Colours.TEXT);
            gc.drawText(TextFit.fit(gc, "#" + s.index() + "  " + names.get(s.label()) + String.format(Locale.ROOT,
                    "   Δm %+.2f", s.marginChange()), width), tx, b.y + 2, true);
            seen(gc, base, s.baseline(), s.label(), names, tx, b.y + 4 + line, width, Colours.BASELINE);
            seen(gc, compared, s.compared(), s.label(), names, tx, b.y + 6 + 2 * line, width, Colours.COMPARED);
            gc.setForeground(Colours.AXIS);
            gc.drawText(TextFit.fit(gc, "corrupted: " + base + " " + names.get(s.baselineCorrupted().predicted()) + "  "
                    + compared + " " + names.get(s.comparedCorrupted().predicted()), width), tx, b.y + 8 + 3 * line,
                    true);
        }
    }

    private static void seen(GC gc, String version, FragileSamplesAnalysis.Seen seen, int label, List<String> names,
            int x, int y, int width, org.eclipse.swt.graphics.Color colour) {
        gc.setForeground(colour);
        String mark = seen.predicted() == label ? "✓" : "✗";
        gc.drawText(TextFit.fit(gc, String.format(Locale.ROOT, "%s %s: %s  (m %+.2f)", mark, version,
                names.get(seen.predicted()), seen.margin()), width), x, y, true);
    }

    private void paintCounts(GC gc, Rectangle bounds) {
        if (shown == null || shown.result() == null) {
            return;
        }
        FragileSamplesAnalysis.Result r = shown.result();
        int[][] both = {r.brokenPerClass(), r.flippedPerClass()};
        int line = gc.getFontMetrics().getHeight();
        // each list on its own scale: a few hundred broken samples beside thousands flipped would not show
        int[] most = {1, 1};
        for (int k = 0; k < 2; k++) {
            for (int v : both[k]) {
                most[k] = Math.max(most[k], v);
            }
        }
        int classes = r.classNames().size();
        int each = Math.max(40, (bounds.width - 16) / Math.max(1, classes));
        int barTop = bounds.y + line + 4;
        int barHeight = bounds.height - 2 * line - 12;
        gc.setForeground(Colours.TEXT);
        gc.drawText("Per class, each on its own scale:  ■ broken by pruning   ■ flipped by the corruption", bounds.x + 6, bounds.y + 2, true);
        int key = bounds.x + 6 + gc.textExtent("Per class, each on its own scale:  ").x;
        gc.setBackground(Colours.COMPARED);
        gc.fillRectangle(key, bounds.y + 2 + line / 4, line / 2 + 2, line / 2 + 2);
        gc.setBackground(Colours.ofClass(0));
        int second = bounds.x + 6 + gc.textExtent("Per class, each on its own scale:  ■ broken by pruning   ").x;
        gc.fillRectangle(second, bounds.y + 2 + line / 4, line / 2 + 2, line / 2 + 2);
        for (int c = 0; c < classes; c++) {
            int x = bounds.x + 8 + c * each;
            int barWidth = Math.max(4, (each - 12) / 2);
            for (int k = 0; k < 2; k++) {
                int h = (int) Math.round((double) both[k][c] / most[k] * barHeight);
                gc.setBackground(k == 0 ? Colours.COMPARED : Colours.ofClass(0));
                gc.fillRectangle(x + k * (barWidth + 2), barTop + barHeight - h, barWidth, h);
                String count = String.valueOf(both[k][c]);
                gc.setForeground(Colours.TEXT);
                if (h > line + 2) {
                    gc.setForeground(new org.eclipse.swt.graphics.Color(255, 255, 255));
                }
                gc.drawText(count, x + k * (barWidth + 2) + (barWidth - gc.textExtent(count).x) / 2,
                        h > line + 2 ? barTop + barHeight - h + 1 : barTop + barHeight - h - line, true);
            }
            gc.setForeground(Colours.TEXT);
            gc.drawText(TextFit.fit(gc, r.classNames().get(c), each - 4), x, barTop + barHeight + 2, true);
        }
    }

    private void clicked(Event e) {
        for (Tile tile : tiles) {
            if (tile.bounds().contains(e.x, e.y)) {
                pick(tile.sample().index());
                return;
            }
        }
    }

    /**
     * Picks a sample: ringed here and, through the selection, in the Geometry view.
     *
     * @param index the test image
     */
    public void pick(int index) {
        picked = index;
        grid.redraw();
        fireSelectionChanged();
    }

    @Override
    public List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (shown == null || shown.result() == null) {
            return rows;
        }
        FragileSamplesAnalysis.Result r = shown.result();
        rows.add(List.of("list", "index", "label", "class", r.baseline() + "_predicted", r.baseline() + "_margin",
                r.compared() + "_predicted", r.compared() + "_margin", r.baseline() + "_corrupted_predicted",
                r.baseline() + "_corrupted_margin", r.compared() + "_corrupted_predicted",
                r.compared() + "_corrupted_margin", "margin_change"));
        for (int k = 0; k < 2; k++) {
            for (FragileSamplesAnalysis.Sample s : k == 0 ? r.brokenByPruning() : r.flippedByCorruption()) {
                rows.add(List.of(k == 0 ? "broken" : "flipped", String.valueOf(s.index()), String.valueOf(s.label()),
                        r.classNames().get(s.label()), String.valueOf(s.baseline().predicted()),
                        number(s.baseline().margin()), String.valueOf(s.compared().predicted()),
                        number(s.compared().margin()), String.valueOf(s.baselineCorrupted().predicted()),
                        number(s.baselineCorrupted().margin()), String.valueOf(s.comparedCorrupted().predicted()),
                        number(s.comparedCorrupted().margin()), number(s.marginChange())));
            }
        }
        return rows;
    }

    @Override
    protected String exportName() {
        return shown == null ? "fragile-samples" : "fragile-samples-" + shown.compared().model() + "-"
                + shown.compared().id();
    }

    /**
     * What the view shows, for tests.
     *
     * @return the result, or null
     */
    public FragileSamplesAnalysis.Result result() {
        return shown == null ? null : shown.result();
    }

    /**
     * The tiles drawn, for tests.
     *
     * @return the tiles, in order
     */
    public List<Tile> tiles() {
        return List.copyOf(tiles);
    }

    /**
     * Whether the images of every tile are drawn, for tests.
     *
     * @return true once they are
     */
    public boolean picturesShown() {
        return !tiles.isEmpty() && tiles.stream().allMatch(t -> pictures.containsKey(t.sample().index()))
                && !drawing.busy();
    }

    /**
     * Picks the list shown, for tests.
     *
     * @param flipped true for the samples the corruption flips
     */
    public void list(boolean flipped) {
        listCombo.select(flipped ? 1 : 0);
        refilterFromStart();
    }

    /**
     * The grid's pixels, for tests.
     *
     * @return the picture
     */
    public ImageData gridPicture() {
        return ViewExport.capture(grid);
    }
}
