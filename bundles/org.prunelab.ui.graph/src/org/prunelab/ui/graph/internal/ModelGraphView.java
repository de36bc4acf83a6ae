package org.prunelab.ui.graph.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.draw2d.FigureCanvas;
import org.eclipse.draw2d.FreeformLayer;
import org.eclipse.draw2d.FreeformViewport;
import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.IFigure;
import org.eclipse.draw2d.RectangleFigure;
import org.eclipse.draw2d.SWTGraphics;
import org.eclipse.draw2d.ScalableFreeformLayeredPane;
import org.eclipse.draw2d.ScaledGraphics;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectedLayer;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.graph.LayerGraph;

/**
 * The Model Graph view: the network of the version selected in the exploration tree, one box per layer
 * laid out top to bottom by ELK layered, filled by how much of the layer was pruned against the model's
 * root version, with residual paths dashed. Zoom with the toolbar or Ctrl and the mouse wheel, pan with the
 * scroll bars or by dragging. Clicking a convolution or linear layer selects it: the view then publishes a
 * {@link SelectedLayer}, which the filter views follow.
 * <p>
 * The network files are read and laid out in a job; the UI thread only builds the figures, once per
 * version, so scrolling and zooming never lay out again.
 */
public final class ModelGraphView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.MODEL_GRAPH;

    /** The family of the view's jobs. */
    public static final Object FAMILY = ModelGraphView.class;

    /** The smallest zoom: a ResNet-56 fits a short view. */
    static final double MIN_SCALE = 0.03;
    /** The largest zoom. */
    static final double MAX_SCALE = 4;
    /** One zoom step of the toolbar or the mouse wheel. */
    static final double ZOOM_STEP = 1.25;

    /** The PNG export keeps below this many pixels, scaling a huge graph down. */
    private static final long MAX_IMAGE_PIXELS = 60_000_000L;

    /** A press that moves less than this is a click, not a drag. */
    private static final int DRAG_THRESHOLD = 4;

    private static final String NOTHING_SELECTED = "Select a version in the Exploration Tree to see its network.";

    /**
     * What one layer's box shows, for tests and the CSV export.
     *
     * @param layer the layer's id
     * @param type the operation's name
     * @param lines the lines drawn in the box, the title first
     * @param kept the output channels (filters, units) of the layer
     * @param original the output channels of the same layer in the root version, -1 if unknown
     * @param parameters the layer's trained parameters
     * @param prunedShare the share of the root's channels removed, in [0, 1]
     * @param fill the box's fill colour
     * @param selected whether the box is highlighted as the selected layer
     */
    public record Box(String layer, String type, List<String> lines, int kept, int original, long parameters,
            double prunedShare, RGB fill, boolean selected) {
    }

    private Composite body;
    private StackLayout stack;
    private Label message;
    private Composite graphPage;
    private Label title;
    private Canvas legend;
    private FigureCanvas canvas;
    private ScalableFreeformLayeredPane pane;
    private FreeformLayer edgeLayer;
    private FreeformLayer nodeLayer;
    private Font regular;
    private Font bold;
    private TextMetrics text;

    private VersionGraph shown;
    private final Map<String, NodeFigure> figures = new LinkedHashMap<>();
    private final List<EdgeFigure> edges = new ArrayList<>();
    private NodeFigure highlighted;

    private ModelVersion requested;
    private String requestedLayer;
    /** Reads and lays out the version asked for last. */
    private ViewJobs reading;
    private String status = NOTHING_SELECTED;

    private Point pressedAt;
    private org.eclipse.draw2d.geometry.Point viewAtPress;
    private boolean dragging;

    private ISelection selection = StructuredSelection.EMPTY;

    private final ISelectionListener selectionListener = (IWorkbenchPart part, ISelection chosen) -> {
        if (part != this) {
            versionOrLayer(chosen, this::show);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Display display = parent.getDisplay();
        regular = JFaceResources.getDefaultFont();
        bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        text = TextMetrics.measure(display, regular, bold);

        body = new Composite(parent, SWT.NONE);
        stack = new StackLayout();
        body.setLayout(stack);
        message = new Label(body, SWT.WRAP);
        message.setText(NOTHING_SELECTED);

        graphPage = new Composite(body, SWT.NONE);
        graphPage.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        graphPage.setBackgroundMode(SWT.INHERIT_FORCE);
        GridLayoutFactory.fillDefaults().margins(0, 0).spacing(0, 0).applyTo(graphPage);
        // the title and the legend share a line where the view is wide enough, and wrap where it is not
        Composite header = new Composite(graphPage, SWT.NONE);
        RowLayout row = new RowLayout(SWT.HORIZONTAL);
        row.wrap = true;
        row.center = true;
        row.spacing = 24;
        row.marginTop = 4;
        row.marginBottom = 4;
        row.marginLeft = 6;
        header.setLayout(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        // the title wraps in a narrow view rather than run past its edge
        title = new Label(header, SWT.WRAP);
        header.addListener(SWT.Resize, e -> fitTitle());
        legend = new Canvas(header, SWT.DOUBLE_BUFFERED);
        legend.addPaintListener(e -> {
            e.gc.setFont(regular);
            PrunedScale.paintLegend(e.gc, 0, 0);
        });
        legend.setLayoutData(new RowData(legendSize()));
        HoverTips.show(legend, "A box's fill: the share of the layer's filters removed, against the root model's."
                + "\nDashed edges: residual paths (shortcuts added back to the main path).");

        canvas = new FigureCanvas(graphPage, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(display.getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.setScrollBarVisibility(FigureCanvas.AUTOMATIC);
        canvas.setViewport(new FreeformViewport());
        // a box's tip is Draw2d's own window, which goes when Draw2d sees the pointer leave the canvas
        HoverTips.hideWith(canvas, () -> canvas.notifyListeners(SWT.MouseExit, new Event()));
        pane = new ScalableFreeformLayeredPane();
        pane.setFont(regular);
        edgeLayer = new FreeformLayer();
        nodeLayer = new FreeformLayer();
        pane.add(edgeLayer, "edges");
        pane.add(nodeLayer, "nodes");
        canvas.setContents(pane);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(canvas);
        installMouse();

        stack.topControl = message;
        reading = new ViewJobs(body, FAMILY);
        DeletedVersions.watch(body, () -> requested != null ? requested : shownVersion(), gone -> clear());
        contributeActions();
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(selectionListener);
        selectionListener.selectionChanged(null, getSite().getPage().getSelection(PruningPerspective.EXPLORATION_TREE));
    }

    /** Measures the legend by painting it on a scratch image. */
    private Point legendSize() {
        Image scratch = new Image(body.getDisplay(), 1, 1);
        GC measure = new GC(scratch);
        try {
            measure.setFont(regular);
            return new Point(PrunedScale.paintLegend(measure, 0, 0) + 2, PrunedScale.legendHeight(measure));
        } finally {
            measure.dispose();
            scratch.dispose();
        }
    }

    private void contributeActions() {
        IToolBarManager toolbar = getViewSite().getActionBars().getToolBarManager();
        toolbar.add(action("+", "Zoom in (Ctrl + mouse wheel)", this::zoomIn));
        toolbar.add(action("−", "Zoom out (Ctrl + mouse wheel)", this::zoomOut));
        toolbar.add(action("1:1", "Actual size", () -> zoomTo(1, centre())));
        toolbar.add(action("Fit", "Fit the whole graph into the view", this::fit));
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(action("Export PNG…", "Save the whole graph, with its legend, as a PNG image", this::exportPng));
        menu.add(ViewExport.csvAction(body.getShell(), this::table, this::exportName));
    }

    private static IAction action(String label, String tooltip, Runnable run) {
        Action action = new Action(label) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setToolTipText(tooltip);
        return action;
    }

    private void installMouse() {
        canvas.addListener(SWT.MouseVerticalWheel, e -> {
            if ((e.stateMask & SWT.MOD1) != 0) {
                // Ctrl + wheel zooms around the pointer instead of scrolling
                e.doit = false;
                zoomTo(scale() * (e.count > 0 ? ZOOM_STEP : 1 / ZOOM_STEP), new Point(e.x, e.y));
            }
        });
        canvas.addListener(SWT.MouseDown, e -> {
            if (e.button == 1) {
                pressedAt = new Point(e.x, e.y);
                viewAtPress = canvas.getViewport().getViewLocation().getCopy();
                dragging = false;
            }
        });
        canvas.addListener(SWT.MouseMove, e -> {
            if (pressedAt == null || (e.stateMask & SWT.BUTTON1) == 0) {
                return;
            }
            int dx = e.x - pressedAt.x;
            int dy = e.y - pressedAt.y;
            if (dragging || Math.abs(dx) > DRAG_THRESHOLD || Math.abs(dy) > DRAG_THRESHOLD) {
                dragging = true;
                canvas.scrollTo(viewAtPress.x - dx, viewAtPress.y - dy);
            }
        });
        canvas.addListener(SWT.MouseUp, e -> {
            if (e.button == 1 && pressedAt != null && !dragging) {
                click(e.x, e.y);
            }
            pressedAt = null;
            dragging = false;
        });
    }

    private void click(int x, int y) {
        IFigure hit = canvas.getLightweightSystem().getRootFigure().findFigureAt(x, y);
        while (hit != null && !(hit instanceof NodeFigure)) {
            hit = hit.getParent();
        }
        if (hit instanceof NodeFigure node && node.row().prunable()) {
            select(node.row().name(), true);
        }
    }

    /**
     * Shows a version's network; it is read and laid out in a job.
     *
     * @param version the version
     */
    public void show(ModelVersion version) {
        show(version, null);
    }

    /**
     * Shows a version's network and highlights one of its layers without publishing it again.
     *
     * @param version the version
     * @param layer the layer to highlight, or null
     */
    private void show(ModelVersion version, String layer) {
        if (canvas == null || canvas.isDisposed()) {
            return;
        }
        if (requested == null && shown != null && shown.version().equals(version)) {
            if (layer != null) {
                select(layer, false);
            }
            return;
        }
        if (version.equals(requested)) {
            requestedLayer = layer;
            return;
        }
        requested = version;
        requestedLayer = layer;
        status = "Reading the network of " + VersionGraph.name(version) + "…";
        if (shown == null) {
            showMessage(status);
        } else {
            showTitle(status);
        }
        TextMetrics metrics = text;
        reading.read("Model graph of " + VersionGraph.name(version), version.projectDirectory(), monitor -> {
            try {
                return VersionGraph.read(version, metrics, monitor);
            } catch (OperationCanceledException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                // a fault of the layout, not of the files: said in the view, logged with its trace
                throw new IllegalStateException("Laying out " + VersionGraph.name(version) + " failed: " + e, e);
            }
        }, this::present, this::failed);
    }

    /**
     * Shows nothing, as before a version was selected: for a version that was deleted.
     */
    public void clear() {
        reading.cancel();
        requested = null;
        requestedLayer = null;
        shown = null;
        clearFigures();
        status = NOTHING_SELECTED;
        showMessage(status);
        updateSelection(StructuredSelection.EMPTY, true);
    }

    private void failed(String problem) {
        requested = null;
        shown = null;
        clearFigures();
        status = "Cannot show the model graph. " + problem;
        showMessage(status);
        updateSelection(StructuredSelection.EMPTY, false);
    }

    private void showMessage(String text) {
        message.setText(text);
        stack.topControl = message;
        body.layout(true, true);
    }

    private void clearFigures() {
        edgeLayer.removeAll();
        nodeLayer.removeAll();
        figures.clear();
        edges.clear();
        highlighted = null;
    }

    /** Builds the figures of a laid-out version, once; only zoom and scrolling change afterwards. */
    private void present(VersionGraph graph) {
        String layer = requestedLayer;
        requested = null;
        requestedLayer = null;
        shown = graph;
        clearFigures();
        LayerGraph layout = graph.graph();
        // a transparent sheet spans the whole drawing, padding included, so the scroll range does too
        RectangleFigure sheet = new RectangleFigure();
        sheet.setOutline(false);
        sheet.setFill(false);
        sheet.setBounds(new Rectangle(0, 0, (int) Math.ceil(layout.width()), (int) Math.ceil(layout.height())));
        edgeLayer.add(sheet);
        for (LayerGraph.Edge edge : layout.edges()) {
            EdgeFigure figure = new EdgeFigure(edge);
            edges.add(figure);
            edgeLayer.add(figure);
        }
        Map<String, LayerGraph.Node> nodes = layout.nodesByLayer();
        for (LayerRow row : graph.rows()) {
            NodeFigure figure = new NodeFigure(row, nodes.get(row.name()), regular, bold, text.lineHeight());
            if (row.prunable()) {
                figure.setCursor(canvas.getDisplay().getSystemCursor(SWT.CURSOR_HAND));
            }
            figures.put(row.name(), figure);
            nodeLayer.add(figure);
        }
        status = summary(graph);
        showTitle(status);
        title.setToolTipText(graph.note().isEmpty() ? null : graph.note());
        stack.topControl = graphPage;
        body.layout(true, true);
        updateSelection(StructuredSelection.EMPTY, false);
        initialZoom();
        if (layer != null) {
            select(layer, false);
        }
    }

    private void showTitle(String text) {
        title.setText(text);
        fitTitle();
        graphPage.layout(true, true);
    }

    /** Gives the title its width, or the header's where that is narrower, so that it wraps. */
    private void fitTitle() {
        RowLayout row = (RowLayout) title.getParent().getLayout();
        int room = title.getParent().getClientArea().width - row.marginLeft - row.marginRight - 2 * row.marginWidth;
        int wanted = title.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        int width = room <= 0 ? wanted : Math.min(wanted, room);
        RowData data = (RowData) title.getLayoutData();
        if (data == null || data.width != width) {
            title.setLayoutData(new RowData(width, SWT.DEFAULT));
            graphPage.layout(true, true);
        }
    }

    private static String summary(VersionGraph graph) {
        long parameters = graph.rows().stream().mapToLong(LayerRow::parameters).sum();
        StringBuilder text = new StringBuilder(VersionGraph.name(graph.version()));
        text.append(String.format(Locale.ROOT, " — %d layers, %,d params", graph.rows().size(), parameters));
        if (graph.root() != null && !graph.root().equals(graph.version())) {
            long rootParameters = graph.rows().stream().mapToLong(LayerRow::originalParameters).sum();
            text.append(String.format(Locale.ROOT, " (%.1f %% of %s)", 100.0 * parameters / rootParameters,
                    graph.root().id()));
        }
        if (!graph.note().isEmpty()) {
            text.append(" — ").append(graph.note());
        }
        return text.toString();
    }

    /** At first the graph fills the view's width, up to its actual size; a small graph is shown whole. */
    private void initialZoom() {
        canvas.getLightweightSystem().getUpdateManager().performValidation();
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        LayerGraph layout = shown.graph();
        if (area.width <= 0 || area.height <= 0) {
            pane.setScale(1);
            return;
        }
        double fitWidth = area.width / layout.width();
        double fitAll = Math.min(fitWidth, area.height / layout.height());
        double scale = fitAll >= 0.75 ? Math.min(1, fitAll) : Math.min(1, fitWidth);
        pane.setScale(clamp(scale));
        canvas.getLightweightSystem().getUpdateManager().performValidation();
        canvas.scrollTo(0, 0);
    }

    /**
     * Highlights a layer; publishes it as a {@link SelectedLayer} when the user chose it here.
     *
     * @param layer the layer's id
     * @param publish whether to tell the workbench
     */
    private void select(String layer, boolean publish) {
        NodeFigure figure = figures.get(layer);
        if (figure == null || shown == null) {
            return;
        }
        if (highlighted != null) {
            highlighted.setSelected(false);
        }
        highlighted = figure;
        figure.setSelected(true);
        reveal(figure);
        if (publish) {
            updateSelection(new StructuredSelection(new SelectedLayer(shown.version(), layer)), true);
        }
    }

    /**
     * Selects a layer as a click on it does: highlights it and publishes it as a {@link SelectedLayer}.
     *
     * @param layer the id of a convolution or linear layer of the version shown
     * @return whether it was selected: false for other layers and for ids the graph does not have
     */
    public boolean selectLayer(String layer) {
        NodeFigure figure = figures.get(layer);
        if (figure == null || !figure.row().prunable()) {
            return false;
        }
        select(layer, true);
        return true;
    }

    /**
     * Scrolls a layer's box into view, at the current zoom.
     *
     * @param layer a layer id of the version shown; others are ignored
     */
    public void reveal(String layer) {
        NodeFigure figure = figures.get(layer);
        if (figure != null) {
            reveal(figure);
        }
    }

    private void reveal(NodeFigure figure) {
        Rectangle bounds = figure.getBounds();
        double scale = scale();
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        org.eclipse.draw2d.geometry.Point view = canvas.getViewport().getViewLocation();
        int left = (int) (bounds.x * scale);
        int top = (int) (bounds.y * scale);
        int right = (int) (bounds.right() * scale);
        int bottom = (int) (bounds.bottom() * scale);
        int x = view.x;
        int y = view.y;
        if (left < view.x || right > view.x + area.width) {
            x = (left + right) / 2 - area.width / 2;
        }
        if (top < view.y || bottom > view.y + area.height) {
            y = (top + bottom) / 2 - area.height / 2;
        }
        if (x != view.x || y != view.y) {
            canvas.scrollTo(Math.max(0, x), Math.max(0, y));
        }
    }

    private void updateSelection(ISelection newSelection, boolean fire) {
        selection = newSelection;
        if (fire) {
            fireSelectionChanged();
        }
    }

    /**
     * The zoom.
     *
     * @return drawn pixels per layout unit
     */
    public double scale() {
        return pane.getScale();
    }

    /** Zooms in one step around the view's centre. */
    public void zoomIn() {
        zoomTo(scale() * ZOOM_STEP, centre());
    }

    /** Zooms out one step around the view's centre. */
    public void zoomOut() {
        zoomTo(scale() / ZOOM_STEP, centre());
    }

    /** Zooms so that the whole graph fits the view, but never above actual size. */
    public void fit() {
        if (shown == null) {
            return;
        }
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        LayerGraph layout = shown.graph();
        double scale = Math.min(1, Math.min(area.width / layout.width(), area.height / layout.height()));
        pane.setScale(clamp(scale));
        canvas.getLightweightSystem().getUpdateManager().performValidation();
        canvas.scrollTo(0, 0);
    }

    private Point centre() {
        org.eclipse.swt.graphics.Rectangle area = canvas.getClientArea();
        return new Point(area.width / 2, area.height / 2);
    }

    /** Zooms keeping the graph's point under an anchor of the canvas where it is. */
    private void zoomTo(double wanted, Point anchor) {
        double old = scale();
        double scale = clamp(wanted);
        if (scale == old) {
            return;
        }
        org.eclipse.draw2d.geometry.Point view = canvas.getViewport().getViewLocation();
        double x = (view.x + anchor.x) / old;
        double y = (view.y + anchor.y) / old;
        pane.setScale(scale);
        canvas.getLightweightSystem().getUpdateManager().performValidation();
        canvas.scrollTo((int) Math.round(x * scale - anchor.x), (int) Math.round(y * scale - anchor.y));
    }

    private static double clamp(double scale) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, scale));
    }

    /**
     * Renders the whole graph, not only the part on screen, with a title and the legend above it.
     *
     * @return the pixels, or null if no graph is shown
     */
    public ImageData renderImage() {
        if (shown == null) {
            return null;
        }
        Display display = canvas.getDisplay();
        LayerGraph layout = shown.graph();
        Point legendSize = legendSize();
        int lineHeight = text.lineHeight();
        int legendTop = 8 + lineHeight + 6;
        int header = legendTop + legendSize.y + 6;
        double shrink = Math.min(1, Math.sqrt(MAX_IMAGE_PIXELS / (layout.width() * layout.height())));
        int imageWidth = Math.max((int) Math.ceil(layout.width() * shrink), legendSize.x + 16);
        int imageHeight = header + (int) Math.ceil(layout.height() * shrink);
        Image image = new Image(display, imageWidth, imageHeight);
        GC gc = new GC(image);
        try {
            gc.setAntialias(SWT.ON);
            gc.setTextAntialias(SWT.ON);
            gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
            gc.fillRectangle(0, 0, imageWidth, imageHeight);
            gc.setFont(bold);
            gc.setForeground(new Color(new RGB(25, 25, 25)));
            gc.drawText(VersionGraph.name(shown.version()) + " — model graph", 8, 8, true);
            gc.setFont(regular);
            PrunedScale.paintLegend(gc, 8, legendTop);
            SWTGraphics swt = new SWTGraphics(gc);
            swt.translate(0, header);
            Graphics graphics = swt;
            ScaledGraphics scaled = null;
            if (shrink < 1) {
                // a huge graph is scaled down to stay within memory; the header keeps its size
                scaled = new ScaledGraphics(swt);
                scaled.scale(shrink);
                graphics = scaled;
            }
            try {
                graphics.setFont(regular);
                for (EdgeFigure edge : edges) {
                    edge.paint(graphics);
                }
                for (NodeFigure node : figures.values()) {
                    node.paint(graphics);
                }
            } finally {
                if (scaled != null) {
                    scaled.dispose();
                }
                swt.dispose();
            }
            return image.getImageData();
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private void exportPng() {
        ImageData data = renderImage();
        if (data == null) {
            MessageDialog.openInformation(body.getShell(), "Export PNG", "There is no graph to export yet.");
            return;
        }
        FileDialog dialog = new FileDialog(body.getShell(), SWT.SAVE);
        dialog.setFileName(exportName().replaceAll("[^A-Za-z0-9._-]+", "-") + ".png");
        dialog.setFilterExtensions(new String[] {"*.png"});
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            try {
                ViewExport.writePng(data, Path.of(chosen));
            } catch (RuntimeException e) {
                MessageDialog.openError(body.getShell(), "Export PNG", "Cannot write " + chosen + ": "
                        + e.getMessage());
            }
        }
    }

    private String exportName() {
        return shown == null ? "model-graph" : "model-graph-" + shown.version().model() + "-" + shown.version().id();
    }

    /**
     * The layer table the CSV export writes.
     *
     * @return a header, then one row per layer: name, type, output shape, kept, original, params
     */
    public List<List<String>> table() {
        return shown == null ? List.of(List.of("name", "type", "output shape", "kept", "original", "params"))
                : shown.table();
    }

    /**
     * The version whose graph is shown.
     *
     * @return the version, or null while none is
     */
    public ModelVersion shownVersion() {
        return shown == null ? null : shown.version();
    }

    /**
     * The root version the shown one is compared with.
     *
     * @return the root, or null if none is shown or its lineage is broken
     */
    public ModelVersion rootVersion() {
        return shown == null ? null : shown.root();
    }

    /**
     * The layout shown.
     *
     * @return the layout, or null while no graph is shown
     */
    public LayerGraph layout() {
        return shown == null ? null : shown.graph();
    }

    /**
     * The boxes drawn, one per layer, in execution order.
     *
     * @return what each box shows
     */
    public List<Box> boxes() {
        List<Box> boxes = new ArrayList<>(figures.size());
        for (NodeFigure figure : figures.values()) {
            LayerRow row = figure.row();
            boxes.add(new Box(row.name(), row.type(), figure.lines(), row.kept(), row.original(), row.parameters(),
                    row.prunedShare(), figure.fill(), figure.selected()));
        }
        return boxes;
    }

    /**
     * Where a layer's box is on the canvas now, with the zoom and scrolling applied.
     *
     * @param layer a layer id
     * @return the centre of its box in the canvas's coordinates, or null if the graph has no such layer
     */
    public Point centreOnCanvas(String layer) {
        NodeFigure figure = figures.get(layer);
        if (figure == null) {
            return null;
        }
        org.eclipse.draw2d.geometry.Point centre = figure.getBounds().getCenter();
        figure.translateToAbsolute(centre);
        return new Point(centre.x, centre.y);
    }

    /**
     * The canvas the graph is drawn on.
     *
     * @return the Draw2d canvas, as an SWT canvas (callers need not see Draw2d)
     */
    public Canvas canvas() {
        return canvas;
    }

    /**
     * What the view says: the shown version's summary, that it is reading, or what went wrong.
     *
     * @return the text
     */
    public String status() {
        return status;
    }

    /**
     * Whether a version is being read and laid out.
     *
     * @return true until the job's result is shown
     */
    public boolean busy() {
        return requested != null;
    }

    @Override
    public void setFocus() {
        if (stack.topControl == graphPage) {
            canvas.setFocus();
        } else {
            message.setFocus();
        }
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(selectionListener);
        super.dispose();
    }

    @Override
    public ISelection getSelection() {
        return selection;
    }

    @Override
    public void setSelection(ISelection newSelection) {
        Object first = newSelection instanceof IStructuredSelection s ? s.getFirstElement() : null;
        if (first instanceof SelectedLayer layer && shown != null && shown.version().equals(layer.version())) {
            select(layer.layer(), true);
        }
    }

    /**
     * Fires a click at a point of the canvas, as the mouse does: for tests.
     *
     * @param at the point, in the canvas's coordinates
     */
    public void clickAt(Point at) {
        Event down = new Event();
        down.button = 1;
        down.x = at.x;
        down.y = at.y;
        canvas.notifyListeners(SWT.MouseDown, down);
        Event up = new Event();
        up.button = 1;
        up.x = at.x;
        up.y = at.y;
        canvas.notifyListeners(SWT.MouseUp, up);
    }
}
