package org.prunelab.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.LineageLayout;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.TrainingHistory;

/**
 * The report's figures, drawn with Java2D so that the command line, which has no display, draws the
 * same pictures as the workbench: a model's lineage as the exploration tree lays it out, accuracy against
 * parameters, a confusion matrix, training curves. Each is an image at twice the size it is shown, so
 * that it stays sharp on a high-density screen and in a printed supplement.
 */
final class ReportFigures {

    /** Pixels drawn per pixel shown. */
    static final int DENSITY = 2;

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    private static final Color ROOT = new Color(0xd6, 0xe4, 0xf5);
    private static final Color KEPT = new Color(0xd9, 0xef, 0xd4);
    private static final Color LOST = new Color(0xf6, 0xd9, 0xd5);
    /** One colour per model (a colour-blind-safe qualitative palette). */
    private static final Color[] SERIES = {new Color(0x00, 0x72, 0xb2), new Color(0xe6, 0x9f, 0x00),
        new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7), new Color(0x56, 0xb4, 0xe9),
        new Color(0xd5, 0x5e, 0x00)};

    private static final int NODE_WIDTH = 210;
    private static final int NODE_HEIGHT = 58;
    private static final int DEPTH_GAP = 150;
    private static final int ROW_GAP = 14;
    private static final int MARGIN = 12;

    private ReportFigures() {
    }

    /**
     * A model's lineage: one box per version (name, test accuracy and its change, parameters), the root
     * at the left, each edge labelled with how the child was made.
     *
     * @param versions the model's versions
     * @param titles each version's first line
     * @param metricName the name people read for a metric's id
     * @param strategyName the name people read for a strategy's id
     * @return the picture
     */
    static BufferedImage lineage(List<ModelVersion> versions, Map<ModelVersion, String> titles,
            UnaryOperator<String> metricName, UnaryOperator<String> strategyName) {
        List<LineageLayout.Cell> cells = LineageLayout.of(versions);
        double columns = cells.stream().mapToDouble(LineageLayout.Cell::column).max().orElse(0) + 1;
        int depth = cells.stream().mapToInt(LineageLayout.Cell::row).max().orElse(0) + 1;
        int width = 2 * MARGIN + depth * NODE_WIDTH + (depth - 1) * DEPTH_GAP;
        int height = 2 * MARGIN + (int) Math.ceil(columns) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
        Canvas canvas = new Canvas(width, height);
        Graphics2D g = canvas.g;
        Map<String, int[]> at = new HashMap<>();
        for (LineageLayout.Cell cell : cells) {
            at.put(cell.version().id(), new int[] {MARGIN + cell.row() * (NODE_WIDTH + DEPTH_GAP),
                MARGIN + (int) Math.round(cell.column() * (NODE_HEIGHT + ROW_GAP))});
        }
        Map<String, ModelVersion> byId = new HashMap<>();
        versions.forEach(v -> byId.put(v.id(), v));
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        g.setFont(plain);
        FontMetrics fm = g.getFontMetrics();
        for (LineageLayout.Cell cell : cells) {
            int[] child = at.get(cell.version().id());
            int[] parent = cell.version().parent() == null ? null : at.get(cell.version().parent());
            if (parent == null) {
                continue;
            }
            int x1 = parent[0] + NODE_WIDTH;
            int y1 = parent[1] + NODE_HEIGHT / 2;
            int x2 = child[0];
            int y2 = child[1] + NODE_HEIGHT / 2;
            int elbow = x1 + 14;
            g.setColor(Color.GRAY);
            g.drawPolyline(new int[] {x1, elbow, elbow, x2}, new int[] {y1, y1, y2, y2}, 4);
            String[] label = LineageLayout.edgeLabel(cell.version(), metricName, strategyName);
            g.setColor(INK);
            int room = x2 - elbow - 8;
            g.drawString(fit(fm, label[0], room), elbow + 4, y2 - 4);
            g.drawString(fit(fm, label[1], room), elbow + 4, y2 + fm.getAscent() + 2);
        }
        Font bold = plain.deriveFont(Font.BOLD);
        for (LineageLayout.Cell cell : cells) {
            ModelVersion version = cell.version();
            int[] p = at.get(version.id());
            ModelVersion parent = version.parent() == null ? null : byId.get(version.parent());
            Evaluation e = version.evaluation();
            double change = parent == null ? 0 : e.accuracy() - parent.evaluation().accuracy();
            g.setColor(parent == null ? ROOT : change >= -0.005 ? KEPT : LOST);
            g.fillRoundRect(p[0], p[1], NODE_WIDTH, NODE_HEIGHT, 10, 10);
            g.setColor(Color.GRAY);
            g.drawRoundRect(p[0], p[1], NODE_WIDTH, NODE_HEIGHT, 10, 10);
            g.setColor(INK);
            g.setFont(bold);
            g.drawString(fit(g.getFontMetrics(), titles.get(version), NODE_WIDTH - 16), p[0] + 8, p[1] + 17);
            g.setFont(plain);
            g.drawString(String.format(Locale.ROOT, "%.1f %%", 100 * e.accuracy())
                    + (parent == null ? "" : String.format(Locale.ROOT, " (%+.1f)", 100 * change)), p[0] + 8, p[1] + 34);
            g.drawString(Quantities.count(e.parameters()) + " params · " + Quantities.count(e.flops()) + " FLOPs",
                    p[0] + 8, p[1] + 50);
        }
        return canvas.done();
    }

    /**
     * Test accuracy against parameters of every version, one colour per model, each version joined to
     * its parent and named by its id.
     *
     * @param models each model's versions, in the order of the legend
     * @return the picture
     */
    static BufferedImage accuracyAgainstParameters(Map<String, List<ModelVersion>> models) {
        List<double[]> points = new ArrayList<>();
        models.values().forEach(vs -> vs.forEach(v -> points.add(new double[] {v.evaluation().parameters(),
            100 * v.evaluation().accuracy()})));
        Plot plot = new Plot(640, 400, "parameters", "test accuracy (%)", points, true);
        Graphics2D g = plot.canvas.g;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        FontMetrics fm = g.getFontMetrics();
        // versions of similar size and accuracy crowd together: a label that would cover one already drawn
        // is left out (the table names every version)
        List<Rectangle> labels = new ArrayList<>();
        int series = 0;
        for (Map.Entry<String, List<ModelVersion>> model : models.entrySet()) {
            Color colour = SERIES[series % SERIES.length];
            Map<String, ModelVersion> byId = new HashMap<>();
            model.getValue().forEach(v -> byId.put(v.id(), v));
            g.setStroke(new BasicStroke(1));
            for (ModelVersion v : model.getValue()) {
                ModelVersion parent = v.parent() == null ? null : byId.get(v.parent());
                if (parent != null) {
                    g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 90));
                    g.drawLine(plot.x(parent.evaluation().parameters()), plot.y(100 * parent.evaluation().accuracy()),
                            plot.x(v.evaluation().parameters()), plot.y(100 * v.evaluation().accuracy()));
                }
            }
            for (ModelVersion v : model.getValue()) {
                int x = plot.x(v.evaluation().parameters());
                int y = plot.y(100 * v.evaluation().accuracy());
                g.setColor(colour);
                g.fillOval(x - 4, y - 4, 9, 9);
                Rectangle box = new Rectangle(x + 6, y - 4 - fm.getAscent(), fm.stringWidth(v.id()),
                        fm.getHeight());
                if (labels.stream().noneMatch(box::intersects)) {
                    labels.add(box);
                    g.setColor(INK);
                    g.drawString(v.id(), x + 6, y - 4);
                }
            }
            plot.legend(series, model.getKey(), colour);
            series++;
        }
        return plot.canvas.done();
    }

    /**
     * A confusion matrix: counts in cells shaded by their share of the true class's images, true classes
     * as rows, predicted classes as columns.
     *
     * @param confusion the counts, row = true class
     * @param classNames the classes' names
     * @return the picture
     */
    static BufferedImage confusion(int[][] confusion, List<String> classNames) {
        int n = confusion.length;
        int cell = n <= 10 ? 38 : Math.max(14, 380 / n);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, n <= 10 ? 11 : 9);
        FontMetrics fm = new Canvas(1, 1).g.getFontMetrics(font);
        int labels = classNames.stream().mapToInt(fm::stringWidth).max().orElse(0) + 8;
        int left = MARGIN + fm.getHeight() + labels;
        int top = MARGIN + fm.getHeight() + labels;
        Canvas canvas = new Canvas(left + n * cell + MARGIN, top + n * cell + MARGIN);
        Graphics2D g = canvas.g;
        g.setFont(font);
        g.setColor(INK);
        g.drawString("true class", MARGIN, top - 6);
        g.drawString("predicted class", left, MARGIN + fm.getAscent());
        for (int r = 0; r < n; r++) {
            long total = 0;
            for (int c = 0; c < n; c++) {
                total += confusion[r][c];
            }
            g.setColor(INK);
            String name = classNames.get(r);
            g.drawString(name, left - 6 - fm.stringWidth(name), top + r * cell + (cell + fm.getAscent()) / 2 - 1);
            AffineTransform straight = g.getTransform();
            g.translate(left + r * cell + (cell + fm.getAscent()) / 2 - 1, top - 6);
            g.rotate(-Math.PI / 2);
            g.drawString(name, 0, 0);
            g.setTransform(straight);
            for (int c = 0; c < n; c++) {
                double share = total == 0 ? 0 : confusion[r][c] / (double) total;
                // diagonal in blue, mistakes in red, both as deep as their share of the row
                Color hue = r == c ? new Color(0x2b, 0x6c, 0xb0) : new Color(0xc0, 0x39, 0x2b);
                double depth = r == c ? share : Math.min(1, 4 * share);
                g.setColor(mix(Color.WHITE, hue, depth));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
                g.setColor(depth > 0.55 ? Color.WHITE : INK);
                String count = Integer.toString(confusion[r][c]);
                g.drawString(count, left + c * cell + (cell - fm.stringWidth(count)) / 2,
                        top + r * cell + (cell + fm.getAscent()) / 2 - 1);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, n * cell, n * cell);
        return canvas.done();
    }

    /**
     * Training curves: accuracy on the training batches and on the validation samples after each epoch.
     *
     * @param history the version's own training
     * @return the picture
     */
    static BufferedImage trainingCurves(TrainingHistory history) {
        double[] epochs = history.epochNumbers();
        double[] train = history.trainAccuracy();
        double[] validation = history.validationAccuracy();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < epochs.length; i++) {
            points.add(new double[] {epochs[i], 100 * train[i]});
            if (Double.isFinite(validation[i])) {
                points.add(new double[] {epochs[i], 100 * validation[i]});
            }
        }
        Plot plot = new Plot(420, 260, "epoch", "accuracy (%)", points, false);
        plot.curve(epochs, train, SERIES[0]);
        plot.legend(0, "training batches", SERIES[0]);
        if (history.hasValidation()) {
            plot.curve(epochs, validation, SERIES[1]);
            plot.legend(1, "validation (" + history.validationSamples() + " training images)", SERIES[1]);
        }
        return plot.canvas.done();
    }

    private static Color mix(Color a, Color b, double t) {
        double s = Math.max(0, Math.min(1, t));
        return new Color((int) Math.round(a.getRed() + s * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + s * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + s * (b.getBlue() - a.getBlue())));
    }

    private static String fit(FontMetrics fm, String text, int width) {
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** A white image drawn at {@link #DENSITY} in figure coordinates. */
    private static final class Canvas {
        final BufferedImage image;
        final Graphics2D g;

        Canvas(int width, int height) {
            image = new BufferedImage(width * DENSITY, height * DENSITY, BufferedImage.TYPE_INT_RGB);
            g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.scale(DENSITY, DENSITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }

        BufferedImage done() {
            g.dispose();
            return image;
        }
    }

    /** Axes with ticks at round values around the points, and a legend in the top-left corner. */
    private static final class Plot {
        private static final int LEFT = 58;
        private static final int BOTTOM = 42;
        private static final int TOP = 14;
        private static final int RIGHT = 16;

        final Canvas canvas;
        private final double[] xTicks;
        private final double[] yTicks;
        private final int width;
        private final int height;

        Plot(int width, int height, String xTitle, String yTitle, List<double[]> points, boolean countAxis) {
            this.width = width;
            this.height = height;
            canvas = new Canvas(width, height);
            // a count axis (parameters) has no step below one; epochs neither
            xTicks = Ticks.around(points.stream().mapToDouble(p -> p[0]).toArray(), 1);
            yTicks = Ticks.around(points.stream().mapToDouble(p -> p[1]).toArray(), 0);
            Graphics2D g = canvas.g;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            for (double t : xTicks) {
                g.setColor(GRID);
                g.drawLine(x(t), TOP, x(t), height - BOTTOM);
                g.setColor(INK);
                String text = countAxis ? Quantities.count(Math.round(t)) : Ticks.label(t, xTicks);
                g.drawString(text, x(t) - fm.stringWidth(text) / 2, height - BOTTOM + fm.getAscent() + 4);
            }
            for (double t : yTicks) {
                g.setColor(GRID);
                g.drawLine(LEFT, y(t), width - RIGHT, y(t));
                g.setColor(INK);
                String text = Ticks.label(t, yTicks);
                g.drawString(text, LEFT - 6 - fm.stringWidth(text), y(t) + fm.getAscent() / 2 - 1);
            }
            g.setColor(Color.GRAY);
            g.drawRect(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
            g.setColor(INK);
            g.drawString(xTitle, LEFT + (width - LEFT - RIGHT - fm.stringWidth(xTitle)) / 2, height - 8);
            AffineTransform straight = g.getTransform();
            g.translate(14, TOP + (height - TOP - BOTTOM + fm.stringWidth(yTitle)) / 2);
            g.rotate(-Math.PI / 2);
            g.drawString(yTitle, 0, 0);
            g.setTransform(straight);
        }

        int x(double value) {
            return LEFT + (int) Math.round((value - xTicks[0]) / (xTicks[xTicks.length - 1] - xTicks[0])
                    * (width - LEFT - RIGHT));
        }

        int y(double value) {
            return height - BOTTOM - (int) Math.round((value - yTicks[0]) / (yTicks[yTicks.length - 1] - yTicks[0])
                    * (height - TOP - BOTTOM));
        }

        void curve(double[] xs, double[] ys, Color colour) {
            Graphics2D g = canvas.g;
            g.setColor(colour);
            g.setStroke(new BasicStroke(2));
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(ys[i])) {
                    continue;
                }
                int x = x(xs[i]);
                int y = y(100 * ys[i]);
                g.fillOval(x - 3, y - 3, 7, 7);
                if (i > 0 && Double.isFinite(ys[i - 1])) {
                    g.drawLine(x(xs[i - 1]), y(100 * ys[i - 1]), x, y);
                }
            }
            g.setStroke(new BasicStroke(1));
        }

        void legend(int row, String text, Color colour) {
            Graphics2D g = canvas.g;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            int y = TOP + 8 + row * (fm.getHeight() + 2);
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(LEFT + 6, y - 2, fm.stringWidth(text) + 26, fm.getHeight() + 2);
            g.setColor(colour);
            g.fillRect(LEFT + 10, y + fm.getHeight() / 2 - 3, 12, 6);
            g.setColor(INK);
            g.drawString(text, LEFT + 28, y + fm.getAscent());
        }
    }
}
