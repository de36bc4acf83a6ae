package org.prunelab.ui.sparklines.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.prunelab.core.filters.SparklineMatrix;
import org.prunelab.ui.DeletedVersions;
import org.prunelab.ui.HoverTips;
import org.prunelab.ui.PruningPerspective;
import org.prunelab.ui.SelectionView;
import org.prunelab.ui.TextFit;
import org.prunelab.ui.ViewJobs;
import org.prunelab.ui.export.ViewExport;
import org.prunelab.ui.sparklines.ClassPair;
import org.prunelab.ui.sparklines.FilterFocus;

/**
 * NetPrune's sparkline matrix of the layer the filter activation view looks at: row = baseline class,
 * column = compared class; filters in the current metric's order, only the kept ones once something is
 * selected. A click on a cell makes its classes the baseline and the compared class.
 */
public final class SparklineMatrixView extends SelectionView {

    /** The view id, as declared in plugin.xml. */
    public static final String ID = PruningPerspective.SPARKLINE_MATRIX;

    private Canvas canvas;
    private FilterFocus focus;
    private SparklineMatrix matrix;
    private Rectangle[][] cells = new Rectangle[0][0];
    private ClassPair selected;
    /** Works out the matrix of the focus asked for last. */
    private ViewJobs drawing;

    private final ISelectionListener focusListener = (IWorkbenchPart part, ISelection selection) -> {
        if (selection instanceof IStructuredSelection structured && structured.getFirstElement() instanceof FilterFocus f) {
            show(f);
        } else if (part != null && selection != null && selection.isEmpty()) {
            // the filter view shows nothing (its version was deleted): neither does the matrix
            clear();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        canvas.addPaintListener(e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            ClassPair pair = at(e.x, e.y);
            if (pair != null) {
                select(pair);
            }
        });
        HoverTips.show(canvas, (x, y) -> tooltip(at(x, y)));
        drawing = new ViewJobs(canvas, FilterJobs.FAMILY);
        DeletedVersions.watch(canvas, () -> focus == null ? null : focus.version(), gone -> clear());
        getSite().setSelectionProvider(this);
        getSite().getPage().addSelectionListener(PruningPerspective.FILTER_ACTIVATION, focusListener);
        ISelection current = getSite().getPage().getSelection(PruningPerspective.FILTER_ACTIVATION);
        focusListener.selectionChanged(null, current);
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(ViewExport.pngAction(canvas, () -> "sparklines-" + (focus == null ? "empty" : focus.layer())));
        menu.add(ViewExport.csvAction(parent.getShell(), this::table,
                () -> "sparkline-alpha-" + (focus == null ? "empty" : focus.layer())));
    }

    /**
     * Shows a focus of the filter activation view; its matrix is worked out in a job.
     *
     * @param newFocus the layer, order, selection and classes to draw
     */
    public void show(FilterFocus newFocus) {
        drawing.compute("Sparkline matrix of " + newFocus.layer(), newFocus.version().projectDirectory(),
                monitor -> SparklineMatrix.of(newFocus.activations(), newFocus.drawnFilters()), made -> {
                    focus = newFocus;
                    matrix = made;
                    setContentDescription(String.format(Locale.ROOT, "%s of %s/%s: %d of %d filters by %s",
                            newFocus.layer(), newFocus.version().model(), newFocus.version().id(),
                            made.filters().length, newFocus.activations().filters(),
                            FilterFocus.shortName(newFocus.metricName())));
                    canvas.redraw();
                }, problem -> {
                    clear();
                    setContentDescription("Cannot draw the sparklines of " + newFocus.layer() + ": " + problem);
                });
    }

    /**
     * Shows nothing, as before the filter view chose a layer: for a version that was deleted.
     */
    public void clear() {
        drawing.cancel();
        focus = null;
        matrix = null;
        cells = new Rectangle[0][0];
        setContentDescription("");
        canvas.redraw();
    }

    private void paint(GC gc) {
        if (matrix == null) {
            cells = new Rectangle[0][0];
            gc.setForeground(Palette.AXIS);
            TextFit.drawWrapped(gc, "Select a version in the Exploration Tree; the Filter Activation view chooses the "
                    + "layer.", 10, 10, canvas.getSize().x - 20);
            return;
        }
        Rectangle area = canvas.getClientArea();
        cells = SparklinePainter.paint(gc, matrix, focus.activations().classNames(),
                new Rectangle(area.x + 4, area.y + 2, area.width - 8, area.height - 6), focus.baseline(),
                focus.compared());
    }

    private ClassPair at(int x, int y) {
        for (int a = 0; a < cells.length; a++) {
            for (int b = 0; b < cells[a].length; b++) {
                if (cells[a][b].contains(x, y)) {
                    return new ClassPair(a, b);
                }
            }
        }
        return null;
    }

    private String tooltip(ClassPair pair) {
        if (pair == null || focus == null) {
            return null;
        }
        List<String> names = focus.activations().classNames();
        String a = names.get(pair.baseline());
        if (pair.baseline() == pair.compared()) {
            return "a_f(" + a + "): activation of each filter for " + a + "\nclick: make " + a + " the baseline";
        }
        String b = names.get(pair.compared());
        return String.format(Locale.ROOT, "a_f(%s) − a_f(%s) over %d filters%nseparation (background) %.2f%n"
                + "click: baseline %s, class %s", a, b, matrix.filters().length, matrix.alpha(pair.baseline(),
                        pair.compared()), a, b);
    }

    /**
     * Selects a class pair, as a click on its cell does.
     *
     * @param pair the baseline and compared class
     */
    public void select(ClassPair pair) {
        selected = pair;
        fireSelectionChanged();
    }

    /**
     * The cells painted last, for tests: [baseline][compared].
     *
     * @return the cell rectangles
     */
    public Rectangle[][] cells() {
        return cells;
    }

    /**
     * The matrix shown.
     *
     * @return the matrix, or null before a focus arrives
     */
    public SparklineMatrix matrix() {
        return matrix;
    }

    /**
     * The canvas, for tests and export.
     *
     * @return the canvas
     */
    public Canvas canvas() {
        return canvas;
    }

    private List<List<String>> table() {
        List<List<String>> rows = new ArrayList<>();
        if (matrix == null) {
            return rows;
        }
        List<String> names = focus.activations().classNames();
        List<String> header = new ArrayList<>();
        header.add("baseline \\ class");
        header.addAll(names);
        rows.add(header);
        for (int a = 0; a < names.size(); a++) {
            List<String> row = new ArrayList<>();
            row.add(names.get(a));
            for (int b = 0; b < names.size(); b++) {
                row.add(String.format(Locale.ROOT, "%.4f", matrix.alpha(a, b)));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removeSelectionListener(PruningPerspective.FILTER_ACTIVATION, focusListener);
        super.dispose();
    }

    @Override
    public ISelection getSelection() {
        return selected == null ? StructuredSelection.EMPTY : new StructuredSelection(selected);
    }

    @Override
    public void setSelection(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof ClassPair pair) {
            select(pair);
        }
    }
}
