package org.prunelab.ui.graph.internal;

import org.eclipse.draw2d.Graphics;
import org.eclipse.draw2d.Polyline;
import org.eclipse.draw2d.geometry.Point;
import org.eclipse.draw2d.geometry.PointList;
import org.eclipse.draw2d.geometry.Rectangle;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.prunelab.ui.graph.LayerGraph;

/**
 * An edge as routed by the layout, with an arrowhead at the reading layer; residual paths are dashed and
 * blue-violet. Its points are fixed: nothing is routed again when the view scrolls or zooms.
 */
final class EdgeFigure extends Polyline {

    /** The colour of residual paths. */
    static final RGB SHORTCUT = new RGB(94, 60, 153);

    private static final Color SHORTCUT_COLOR = new Color(SHORTCUT);
    private static final Color MAIN_COLOR = new Color(new RGB(95, 95, 95));
    private static final int ARROW_LENGTH = 8;
    private static final int ARROW_HALF_WIDTH = 4;

    private final LayerGraph.Edge edge;

    /**
     * Makes the figure of a routed edge.
     *
     * @param edge the edge
     */
    EdgeFigure(LayerGraph.Edge edge) {
        this.edge = edge;
        PointList points = new PointList(edge.points().size());
        for (LayerGraph.Point p : edge.points()) {
            points.addPoint((int) Math.round(p.x()), (int) Math.round(p.y()));
        }
        setPoints(points);
        setForegroundColor(edge.shortcut() ? SHORTCUT_COLOR : MAIN_COLOR);
        setLineWidth(edge.shortcut() ? 2 : 1);
        if (edge.shortcut()) {
            setLineStyle(SWT.LINE_DASH);
        }
    }

    /**
     * The edge drawn.
     *
     * @return the routed edge
     */
    LayerGraph.Edge edge() {
        return edge;
    }

    @Override
    public Rectangle getBounds() {
        if (bounds == null) {
            // room for the arrowhead on every side of the last point
            bounds = getPoints().getBounds().getExpanded(ARROW_LENGTH + getLineWidth(), ARROW_LENGTH + getLineWidth());
        }
        return bounds;
    }

    /** Clicks go through edges to the boxes and the background. */
    @Override
    public boolean containsPoint(int x, int y) {
        return false;
    }

    @Override
    protected void outlineShape(Graphics graphics) {
        graphics.setAntialias(SWT.ON);
        PointList points = getPoints();
        if (points.size() < 2) {
            return;
        }
        Point end = points.getLastPoint();
        Point before = points.getPoint(points.size() - 2);
        double dx = end.x - before.x;
        double dy = end.y - before.y;
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            graphics.drawPolyline(points);
            return;
        }
        double ux = dx / length;
        double uy = dy / length;
        // the line stops at the arrowhead's base, so a thick or dashed line does not blunt its tip
        PointList line = points.getCopy();
        int shorten = (int) Math.min(ARROW_LENGTH - 1, length);
        line.setPoint(new Point((int) Math.round(end.x - ux * shorten), (int) Math.round(end.y - uy * shorten)),
                points.size() - 1);
        graphics.drawPolyline(line);
        double baseX = end.x - ux * ARROW_LENGTH;
        double baseY = end.y - uy * ARROW_LENGTH;
        int[] arrow = {end.x, end.y, (int) Math.round(baseX - uy * ARROW_HALF_WIDTH),
                (int) Math.round(baseY + ux * ARROW_HALF_WIDTH), (int) Math.round(baseX + uy * ARROW_HALF_WIDTH),
                (int) Math.round(baseY - ux * ARROW_HALF_WIDTH)};
        graphics.setBackgroundColor(getForegroundColor());
        graphics.fillPolygon(arrow);
    }
}
