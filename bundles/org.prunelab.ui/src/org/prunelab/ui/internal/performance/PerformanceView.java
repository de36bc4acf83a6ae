package org.prunelab.ui.internal.performance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swtchart.Chart;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.prunelab.core.performance.CellSamples;
import org.prunelab.core.performance.PerformanceProvider;
import org.prunelab.core.performance.PerformanceSummary;
import org.prunelab.core.performance.VersionPredictions;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.training.Prediction;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.internal.Thumbnails;
import org.prunelab.ui.internal.VersionJob;
import org.prunelab.ui.export.ViewExport;

/**
 * The performance view (NetPrune): for the version selected in the exploration tree, test accuracy and
 * its change from the parent and the root, parameters and FLOPs as shares of the root, measured latency,
 * size, the accuracy per epoch of the version's own training, and the confusion matrix as counts or as
 * shares of each true class. Clicking a cell of the matrix shows, beside it, the test samples of that
 * cell.
 * <p>
 * The samples come from running the version on the project's test set in a job. The predictions are kept
 * in memory per version rather than stored with it: they follow from the weights and the test set, the
 * versions made so far would have none, and a stored copy would silently disagree with a test set that
 * was fetched or rebuilt again.
 */
public final class PerformanceView extends ViewPart {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = "org.prunelab.ui.views.performance";

    /** The family of the view's jobs. */
    public static final Object FAMILY = PerformanceView.class;

    /** Versions whose predictions are kept in memory (10 000 predictions are about 0.3 MB). */
    private static final int CACHED_VERSIONS = 16;

    private static final String NOTHING_SELECTED = "Select a version in the exploration tree.";

    /** The smallest size at which the view is readable; a smaller view scrolls. */
    private static final int MIN_WIDTH = 560;
    private static final int MIN_HEIGHT = 400;

    /** The height below which the training curves are not readable. */
    private static final int MIN_CURVES_HEIGHT = 120;
    /** The narrowest the matrix and the samples beside it get, together, to leave the figures their width. */
    private static final int MIN_MATRIX_AND_SAMPLES = 250;

    /** The thumbnails' gap, and the room under each for its confidence. */
    private static final int GAP = 6;

    private Composite body;
    private Label title;
    private SashForm figuresAndCurves;
    private Table figures;
    private TrainingCurves curves;
    private Canvas matrix;
    private SashForm columns;
    /** A size smaller than the default: every class name of the matrix fits. */
    private Font smallFont;
    private Button normalize;
    private Label caption;
    private Canvas strip;
    private PerformanceSummary summary;
    /** The version asked for last: shown, or being read. */
    private ModelVersion requested;
    private List<String> classNames = List.of();
    private Color[] shades;

    /** Where the matrix was last painted, to map clicks to cells. */
    private int matrixLeft;
    private int matrixTop;
    private int matrixCell;

    private int[] selectedCell;
    private CellSamples cellSamples;
    private List<Image> thumbnails = List.of();
    /** Reads the version asked for last. */
    private ViewJobs reading;
    /** Runs the version on the test set for the cell clicked last. */
    private ViewJobs sampling;

    /** Computes the predictions behind the cells' samples, keeping the last few versions'. */
    private volatile PerformanceProvider provider;

    private final ISelectionListener versionListener = (IWorkbenchPart part, ISelection selection) -> {
        if (selection instanceof IStructuredSelection s) {
            ModelVersion version = Adapters.adapt(s.getFirstElement(), ModelVersion.class);
            // layer and filter selections inside the shown version change nothing here
            if (version != null && !version.equals(requested)) {
                show(version);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        shades = new Color[11];
        for (int i = 0; i <= 10; i++) {
            // white to PruneLab's teal
            shades[i] = new Color(parent.getDisplay(), new RGB(255 - i * 22, 255 - i * 14, 255 - i * 13));
        }
        smallFont = new Font(parent.getDisplay(), FontDescriptor.createFrom(JFaceResources.getDefaultFont())
                .increaseHeight(-1).getFontData());
        // below the size at which figures, curves and matrix stay readable the view scrolls instead of squashing them
        ScrolledComposite scroller = new ScrolledComposite(parent, SWT.H_SCROLL | SWT.V_SCROLL);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.setMinSize(MIN_WIDTH, MIN_HEIGHT);
        body = new Composite(scroller, SWT.NONE);
        scroller.setContent(body);
        GridLayoutFactory.swtDefaults().applyTo(body);
        title = new Label(body, SWT.NONE);
        title.setFont(JFaceResources.getHeaderFont());
        title.setText(NOTHING_SELECTED);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(title);

        columns = new SashForm(body, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(columns);

        figuresAndCurves = new SashForm(columns, SWT.VERTICAL | SWT.SMOOTH);
        figures = new Table(figuresAndCurves, SWT.BORDER | SWT.FULL_SELECTION);
        // the rows say what they are: a header would only take a row's height from the curves below
        figures.setHeaderVisible(false);
        figures.setLinesVisible(true);
        new TableColumn(figures, SWT.NONE).setText("Measure");
        new TableColumn(figures, SWT.NONE).setText("Value");
        curves = new TrainingCurves(figuresAndCurves);
        figuresAndCurves.setWeights(45, 55);
        figuresAndCurves.addListener(SWT.Resize, e -> fitFigures());

        Composite middle = new Composite(columns, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(middle);
        normalize = new Button(middle, SWT.CHECK);
        normalize.setText("Row-normalised");
        normalize.setToolTipText("Show each true class's row as shares of its samples instead of counts");
        normalize.setSelection(true);
        normalize.addListener(SWT.Selection, e -> matrix.redraw());
        matrix = new Canvas(middle, SWT.DOUBLE_BUFFERED);
        matrix.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        HoverTips.show(matrix, "Click a cell to see its test samples");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(matrix);
        matrix.addPaintListener(e -> paintMatrix(e.gc));
        matrix.addListener(SWT.MouseDown, e -> {
            int[] cell = cellAt(e.x, e.y);
            if (cell != null) {
                selectCell(cell[0], cell[1]);
            }
        });

        Composite right = new Composite(columns, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(right);
        caption = new Label(right, SWT.WRAP);
        caption.setText("Click a cell of the matrix to see its test samples.");
        GridDataFactory.fillDefaults().grab(true, false).hint(100, SWT.DEFAULT).applyTo(caption);
        strip = new Canvas(right, SWT.DOUBLE_BUFFERED);
        strip.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        GridDataFactory.fillDefaults().grab(true, true).applyTo(strip);
        strip.addPaintListener(e -> paintStrip(e.gc));
        columns.setWeights(44, 34, 22);
        columns.addListener(SWT.Resize, e -> fitColumns());

        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(body, () -> "performance-" + name()));
        var figuresCsv = ViewExport.csvAction(parent.getShell(), this::figuresTable, () -> "performance-" + name());
        figuresCsv.setText("Export Figures as CSV…");
        menu.add(figuresCsv);
        var matrixCsv = ViewExport.csvAction(parent.getShell(), this::confusionTable, () -> "confusion-" + name());
        matrixCsv.setText("Export Confusion Matrix as CSV…");
        matrixCsv.setToolTipText("Save the confusion matrix, as shown (counts or shares), as CSV");
        menu.add(matrixCsv);
        reading = new ViewJobs(body, FAMILY);
        sampling = new ViewJobs(strip, FAMILY);
        DeletedVersions.watch(body, () -> requested, gone -> clear());
        getSite().getPage().addSelectionListener(versionListener);
    }

    private String name() {
        return summary == null ? "empty" : summary.version().model() + "-" + summary.version().id();
    }

    /**
     * Shows a version; its model's other versions, its training history and the dataset's class names are
     * read in a job. Of quick requests the last wins.
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        requested = version;
        sampling.cancel();
        title.setText("Reading " + version.model() + "/" + version.id() + "…");
        title.getParent().layout();
        reading.read("Reading " + version.model() + "/" + version.id(), version.projectDirectory(),
                monitor -> PerformanceReport.read(version, monitor), this::update, problem -> {
                    clear();
                    title.setText("Cannot show " + version.model() + "/" + version.id() + ": " + problem);
                    title.getParent().layout();
                });
    }

    /**
     * Shows nothing, as before a version was selected: for a version that was deleted or cannot be read.
     */
    public void clear() {
        requested = null;
        summary = null;
        classNames = List.of();
        reading.cancel();
        sampling.cancel();
        title.setText(NOTHING_SELECTED);
        title.getParent().layout();
        figures.removeAll();
        fitFigures();
        curves.showMessage(TrainingCurves.NOTHING_SELECTED);
        matrixCell = 0;
        matrix.redraw();
        clearStrip("Click a cell of the matrix to see its test samples.");
    }

    private void update(PerformanceReport report) {
        boolean sameVersion = summary != null && summary.version().equals(report.summary().version());
        summary = report.summary();
        classNames = report.classNames();
        ModelVersion v = summary.version();
        title.setText(v.model() + "/" + v.id() + " — " + v.recipe().kind());
        title.getParent().layout();
        figures.removeAll();
        for (PerformanceReport.Figure figure : report.figures()) {
            row(figure.measure(), figure.value());
        }
        for (TableColumn column : figures.getColumns()) {
            column.pack();
        }
        fitColumns();
        fitFigures();
        curves.show(report.curves());
        matrix.redraw();
        int classes = v.evaluation().confusion().length;
        if (selectedCell != null && selectedCell[0] < classes && selectedCell[1] < classes) {
            // the same cell of the next version, to compare how versions treat the same confusion
            if (!sameVersion) {
                selectCell(selectedCell[0], selectedCell[1]);
            }
        } else {
            clearStrip("Click a cell of the matrix to see its test samples.");
        }
    }

    /**
     * Gives the figures the height of their rows and the curves the rest, as far as the curves keep a
     * readable height; in a short view the table scrolls instead.
     */
    /**
     * Gives the figures their whole width when the view has it, the matrix and the samples sharing the rest:
     * a figure cut off mid-value is worse than a smaller matrix.
     */
    private void fitColumns() {
        int total = columns.getClientArea().width;
        int wanted = 2 * figures.getBorderWidth() + 4;
        for (TableColumn column : figures.getColumns()) {
            wanted += column.getWidth();
        }
        if (total <= 0 || wanted <= 0) {
            return;
        }
        int left = Math.min(wanted, Math.max(total * 35 / 100, total - MIN_MATRIX_AND_SAMPLES));
        int rest = Math.max(2, total - left);
        columns.setWeights(left, rest * 7 / 10, rest * 3 / 10);
    }

    private void fitFigures() {
        int total = figuresAndCurves.getClientArea().height;
        if (total <= 0) {
            return;
        }
        int needed = figures.getHeaderHeight() + Math.max(1, figures.getItemCount()) * figures.getItemHeight()
                + 2 * figures.getBorderWidth() + 2;
        int table = Math.min(needed, Math.max(total / 2, total - MIN_CURVES_HEIGHT));
        figuresAndCurves.setWeights(table, Math.max(1, total - table - figuresAndCurves.getSashWidth()));
    }

    private void row(String measure, String value) {
        new TableItem(figures, SWT.NONE).setText(new String[] {measure, value});
    }

    private void paintMatrix(GC gc) {
        if (summary == null) {
            return;
        }
        boolean shares = normalize.getSelection();
        double[][] values = summary.confusion(shares);
        int n = values.length;
        Point size = matrix.getSize();
        gc.setFont(smallFont);
        int lineHeight = gc.getFontMetrics().getHeight();
        int labels = 0;
        for (String name : classNames) {
            labels = Math.max(labels, gc.textExtent(name).x);
        }
        // row names on the left, the predicted classes' names upright above the columns, a legend below
        int left = labels + 8;
        int top = lineHeight + 6 + labels + 4;
        int legend = lineHeight + 14;
        int cell = Math.max(8, Math.min((size.x - left - 8) / Math.max(1, n),
                (size.y - top - legend - 4) / Math.max(1, n)));
        // rows narrower than a line of text name every second (third...) class, so that the names stay apart
        int labelEvery = (lineHeight + cell - 1) / cell;
        matrixLeft = left;
        matrixTop = top;
        matrixCell = cell;
        double max = 0;
        for (double[] row : values) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        Color foreground = matrix.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        gc.setForeground(matrix.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawText("true class ↓   predicted class →", 4, 2, true);
        gc.setForeground(foreground);
        Transform upright = new Transform(matrix.getDisplay());
        try {
            for (int c = 0; c < n; c += labelEvery) {
                String name = c < classNames.size() ? classNames.get(c) : String.valueOf(c);
                int x = left + c * cell + (cell - lineHeight) / 2;
                upright.identity();
                upright.translate(x, top - 4);
                upright.rotate(-90);
                gc.setTransform(upright);
                gc.drawText(name, 0, 0, true);
            }
        } finally {
            gc.setTransform(null);
            upright.dispose();
        }
        String widest = shares ? "100" : String.format(Locale.ROOT, "%.0f", max);
        boolean numbers = cell >= gc.textExtent(widest).x + 4 && cell >= lineHeight;
        for (int r = 0; r < n; r++) {
            String name = r < classNames.size() ? classNames.get(r) : String.valueOf(r);
            gc.setForeground(foreground);
            if (r % labelEvery == 0) {
                gc.drawText(name, left - 6 - gc.textExtent(name).x, top + r * cell + (cell - lineHeight) / 2, true);
            }
            for (int c = 0; c < n; c++) {
                double share = max == 0 ? 0 : values[r][c] / max;
                gc.setBackground(shades[(int) Math.round(share * 10)]);
                gc.fillRectangle(left + c * cell, top + r * cell, cell - 1, cell - 1);
                if (numbers && values[r][c] > 0) {
                    String text = String.format(Locale.ROOT, "%.0f", shares ? 100 * values[r][c] : values[r][c]);
                    gc.setForeground(matrix.getDisplay().getSystemColor(share > 0.55 ? SWT.COLOR_WHITE : SWT.COLOR_BLACK));
                    Point extent = gc.textExtent(text);
                    gc.drawText(text, left + c * cell + (cell - extent.x) / 2, top + r * cell + (cell - extent.y) / 2, true);
                }
            }
        }
        paintLegend(gc, left, top + n * cell + 6, Math.max(60, Math.min(n * cell, 200)), shares, max);
        if (selectedCell != null && selectedCell[0] < n && selectedCell[1] < n) {
            gc.setForeground(matrix.getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.setLineWidth(2);
            gc.drawRectangle(left + selectedCell[1] * cell, top + selectedCell[0] * cell, cell - 2, cell - 2);
            gc.setLineWidth(1);
        }
    }

    /** The colour scale: from white (none) to teal (the largest cell), with its two ends' values. */
    private void paintLegend(GC gc, int x, int y, int width, boolean shares, double max) {
        String low = shares ? "0 %" : "0";
        String high = shares ? String.format(Locale.ROOT, "%.0f %% of the row", 100 * max)
                : String.format(Locale.ROOT, "%.0f samples", max);
        // the bar is at least as wide as its two end labels, apart
        int needed = gc.textExtent(low).x + gc.textExtent(high).x + 12;
        int step = Math.max(1, Math.max(width, needed) / shades.length + 1);
        for (int i = 0; i < shades.length; i++) {
            gc.setBackground(shades[i]);
            gc.fillRectangle(x + i * step, y, step, 8);
        }
        gc.setForeground(matrix.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawRectangle(x, y, step * shades.length, 8);
        gc.drawText(low, x, y + 10, true);
        gc.drawText(high, x + step * shades.length - gc.textExtent(high).x, y + 10, true);
    }

    private int[] cellAt(int x, int y) {
        if (summary == null || matrixCell == 0) {
            return null;
        }
        int n = summary.version().evaluation().confusion().length;
        int c = Math.floorDiv(x - matrixLeft, matrixCell);
        int r = Math.floorDiv(y - matrixTop, matrixCell);
        return r >= 0 && r < n && c >= 0 && c < n ? new int[] {r, c} : null;
    }

    /**
     * Where a cell of the matrix was last drawn, for tests that click it.
     *
     * @param trueClass the row
     * @param predictedClass the column
     * @return its rectangle in the matrix canvas, or null before the matrix was drawn
     */
    public Rectangle cellBounds(int trueClass, int predictedClass) {
        return matrixCell == 0 ? null
                : new Rectangle(matrixLeft + predictedClass * matrixCell, matrixTop + trueClass * matrixCell,
                        matrixCell - 1, matrixCell - 1);
    }

    /**
     * The canvas of the confusion matrix, for tests that click it.
     *
     * @return the canvas
     */
    public Canvas matrixCanvas() {
        return matrix;
    }

    /**
     * Shows the test samples of one cell of the matrix beside it: the version is run on the project's test
     * set in a job (once per version), then the cell's most confident samples are drawn.
     *
     * @param trueClass the row
     * @param predictedClass the column
     * @throws IllegalArgumentException if the matrix has no such cell
     */
    public void selectCell(int trueClass, int predictedClass) {
        if (summary == null) {
            return;
        }
        int classes = summary.version().evaluation().confusion().length;
        if (trueClass < 0 || trueClass >= classes || predictedClass < 0 || predictedClass >= classes) {
            throw new IllegalArgumentException("the confusion matrix has " + classes + " classes, no cell ("
                    + trueClass + ", " + predictedClass + ")");
        }
        selectedCell = new int[] {trueClass, predictedClass};
        cellSamples = null;
        matrix.redraw();
        ModelVersion version = summary.version();
        int stored = version.evaluation().confusion()[trueClass][predictedClass];
        List<String> names = classNames;
        int stripWidth = strip.getSize().x;
        PerformanceProvider known = provider;
        clearStrip(known == null || known.known(version).isEmpty() ? "Running " + version.id() + " on the test set…"
                : "Reading the samples…");
        sampling.read("Test samples of " + version.model() + "/" + version.id(), version.projectDirectory(),
                monitor -> {
                    SubMonitor sub = SubMonitor.convert(monitor, "Test samples of " + version.id(), 10);
                    VersionPredictions all = provider().predictions(version, sub.split(8));
                    sub.setWorkRemaining(2);
                    CellSamples samples = CellSamples.of(all.predictions(), trueClass, predictedClass);
                    List<ImageData> images = new ArrayList<>();
                    synchronized (all.test()) {
                        for (Prediction p : samples.shown()) {
                            images.add(Thumbnails.render(all.test(), p.index(), scale(all.test(), stripWidth)));
                        }
                    }
                    sub.split(2);
                    String text = samples.caption(names);
                    if (samples.samples().size() != stored) {
                        text += " (the stored evaluation counted " + stored
                                + ": the test set has changed since the version was evaluated)";
                    } else if (samples.samples().size() > CellSamples.SHOWN) {
                        text += ", the " + CellSamples.SHOWN + " most confident shown";
                    }
                    return new ShownSamples(samples, images, text);
                }, this::showSamples, problem -> clearStrip("The test samples cannot be shown: " + problem));
    }

    /** A cell's samples and their thumbnails, made in a job. */
    private record ShownSamples(CellSamples samples, List<ImageData> images, String caption) {
    }

    /** Made by the first job that needs it: looking up the runtime may fail, and not on the UI thread. */
    private synchronized PerformanceProvider provider() {
        if (provider == null) {
            provider = new PerformanceProvider(VersionJob.runtime(), CACHED_VERSIONS);
        }
        return provider;
    }

    /**
     * A whole-number scale (so pixels stay sharp) at which four thumbnails fill a row of the strip: at
     * least twice the image's size, at most four times.
     */
    private static int scale(Dataset test, int stripWidth) {
        int width = test.imageShape().get(2);
        int fit = (stripWidth / 4 - GAP) / width;
        return Math.max(Math.max(1, Math.round(56f / width)), Math.min(Math.max(1, Math.round(112f / width)), fit));
    }

    private void showSamples(ShownSamples shown) {
        disposeThumbnails();
        Display display = strip.getDisplay();
        List<Image> made = new ArrayList<>();
        for (ImageData data : shown.images()) {
            made.add(new Image(display, data));
        }
        thumbnails = made;
        cellSamples = shown.samples();
        caption.setText(shown.caption());
        caption.getParent().layout();
        strip.redraw();
    }

    private void clearStrip(String message) {
        disposeThumbnails();
        cellSamples = null;
        caption.setText(message);
        caption.getParent().layout();
        strip.redraw();
    }

    private void disposeThumbnails() {
        for (Image image : thumbnails) {
            image.dispose();
        }
        thumbnails = List.of();
    }

    private void paintStrip(GC gc) {
        if (thumbnails.isEmpty() || cellSamples == null) {
            return;
        }
        Point size = strip.getSize();
        int side = thumbnails.get(0).getBounds().width;
        int height = thumbnails.get(0).getBounds().height;
        int text = gc.getFontMetrics().getHeight();
        int perRow = Math.max(1, (size.x + GAP) / (side + GAP));
        List<Prediction> shown = cellSamples.shown();
        for (int i = 0; i < thumbnails.size(); i++) {
            int x = (i % perRow) * (side + GAP);
            int y = (i / perRow) * (height + text + GAP);
            gc.drawImage(thumbnails.get(i), x, y);
            String confidence = String.format(Locale.ROOT, "%.0f %%", 100 * shown.get(i).confidence());
            gc.setForeground(strip.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            gc.drawText(confidence, x + (side - gc.textExtent(confidence).x) / 2, y + height, true);
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

    /**
     * The training curves drawn, for tests.
     *
     * @return the plot, or empty while the chart area shows a message
     */
    public Optional<TrainingPlot> trainingPlot() {
        return curves.plot();
    }

    /**
     * The chart of the training curves, for tests.
     *
     * @return the chart
     */
    public Chart trainingChart() {
        return curves.chart();
    }

    /**
     * What the chart area says instead of a plot, for tests.
     *
     * @return the message, or empty while the chart is shown
     */
    public Optional<String> trainingMessage() {
        return curves.message();
    }

    /**
     * The samples of the selected cell shown in the strip, for tests.
     *
     * @return the cell's samples, or empty while none are shown
     */
    public Optional<CellSamples> cellSamples() {
        return Optional.ofNullable(cellSamples);
    }

    /**
     * The thumbnails shown in the strip, for tests.
     *
     * @return their pixels, in order
     */
    public List<ImageData> thumbnails() {
        return thumbnails.stream().map(Image::getImageData).toList();
    }

    /**
     * The text above the strip, for tests.
     *
     * @return the caption or message
     */
    public String stripCaption() {
        return caption.getText();
    }

    /**
     * The figures as a table, the header first, for "Export Figures as CSV…".
     *
     * @return the rows
     */
    public List<List<String>> figuresTable() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("model", "version", "measure", "value"));
        if (summary != null) {
            for (String[] row : figures()) {
                rows.add(List.of(summary.version().model(), summary.version().id(), row[0], row[1]));
            }
        }
        return rows;
    }

    /**
     * The confusion matrix as shown (counts, or shares of each true class), the header first, for
     * "Export Confusion Matrix as CSV…".
     *
     * @return one row per true class, one column per predicted class
     */
    public List<List<String>> confusionTable() {
        List<List<String>> rows = new ArrayList<>();
        if (summary == null) {
            rows.add(List.of("true class"));
            return rows;
        }
        boolean shares = normalize.getSelection();
        double[][] values = summary.confusion(shares);
        List<String> header = new ArrayList<>();
        header.add("true \\ predicted");
        for (int c = 0; c < values.length; c++) {
            header.add(c < classNames.size() ? classNames.get(c) : String.valueOf(c));
        }
        rows.add(header);
        for (int r = 0; r < values.length; r++) {
            List<String> row = new ArrayList<>();
            row.add(header.get(r + 1));
            for (double v : values[r]) {
                row.add(shares ? String.format(Locale.ROOT, "%.6f", v) : String.format(Locale.ROOT, "%.0f", v));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Switches the matrix between counts and shares of each true class, for tests and exports.
     *
     * @param rowNormalized true for shares
     */
    public void setRowNormalized(boolean rowNormalized) {
        normalize.setSelection(rowNormalized);
        matrix.redraw();
    }

    /**
     * The control the view draws into, for "Export PNG…".
     *
     * @return the view's top composite
     */
    public Composite body() {
        return body;
    }

    @Override
    public void setFocus() {
        matrix.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(versionListener);
        disposeThumbnails();
        if (shades != null) {
            for (Color color : shades) {
                color.dispose();
            }
        }
        if (smallFont != null) {
            smallFont.dispose();
        }
        super.dispose();
    }
}
