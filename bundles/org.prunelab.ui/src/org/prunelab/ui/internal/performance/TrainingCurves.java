package org.prunelab.ui.internal.performance;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.events.PaintEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;
import org.prunelab.ui.HoverTips;

/**
 * The accuracy per epoch of a version's own training, training and validation, as a line chart; for a
 * version without a history, a sentence saying why in place of the chart. It draws a {@link TrainingPlot}
 * worked out off the UI thread: in a job for the performance view, by the training itself for the Training
 * view.
 */
public final class TrainingCurves {

    /** SWTChart's default space between ticks, in pixels. */
    private static final int DEFAULT_TICK_HINT = 64;

    /** The smallest space between ticks SWTChart takes, in pixels (it replaces a smaller hint by 64). */
    private static final int MIN_TICK_HINT = 16;

    /** What the curves are, in the plot's tooltip under its title. */
    private static final String CURVES = "training: accuracy over each epoch's batches, in training mode\n"
            + "validation: accuracy after each epoch, in inference mode, on samples spread over the training set";

    /** What the area says while no version is selected. */
    static final String NOTHING_SELECTED = "Select a version to see the accuracy of its training per epoch.";

    private final Composite area;
    private final StackLayout stack = new StackLayout();
    private final Chart chart;
    private final Composite messagePane;
    private final Label message;
    private final Color trainColor;
    private final Color validationColor;
    private TrainingPlot plot;
    /** The height between two of the accuracy axis's ticks below which their labels would touch, in pixels. */
    private final int tickLabelSpace;

    /**
     * Creates the chart area.
     *
     * @param parent where it goes
     */
    public TrainingCurves(Composite parent) {
        area = new Composite(parent, SWT.NONE);
        area.setLayout(stack);
        trainColor = new Color(parent.getDisplay(), new RGB(0, 128, 128));
        validationColor = new Color(parent.getDisplay(), new RGB(230, 120, 20));
        area.addDisposeListener(e -> {
            trainColor.dispose();
            validationColor.dispose();
        });

        chart = new Chart(area, SWT.NONE);
        chart.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        // the view's heading names the version and the epoch axis counts the epochs: the title's line goes to the
        // legend, above the plot, where it takes no room from the curves and overlaps none of them
        chart.getTitle().setVisible(false);
        chart.getLegend().setPosition(SWT.TOP);
        chart.getLegend().setFont(parent.getFont());
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.getTitle().setText("epoch");
        // epochs are whole numbers: the ticks are kept at least an epoch apart (see fitEpochTicks); SWTChart's
        // integer axis, which would do that, divides by zero on a single point
        x.getTick().setFormat(new DecimalFormat("0"));
        chart.getPlotArea().getControl().addListener(SWT.Resize, e -> fitTicks());
        // a lone point has no line to read its value from: it is written beside it
        chart.getPlotArea().addCustomPaintListener(this::paintValues);
        HoverTips.show(chart.getPlotArea().getControl(),
                (px, py) -> plot == null ? null : plot.title() + "\n" + CURVES);
        IAxis y = chart.getAxisSet().getYAxis(0);
        y.getTitle().setText("accuracy (%)");
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            axis.getTitle().setFont(parent.getFont());
            axis.getTitle().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            axis.getTick().setFont(parent.getFont());
            axis.getTick().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        }
        GC gc = new GC(chart);
        gc.setFont(parent.getFont());
        tickLabelSpace = Math.max(MIN_TICK_HINT, gc.getFontMetrics().getHeight() * 3 / 2);
        gc.dispose();

        messagePane = new Composite(area, SWT.NONE);
        messagePane.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        messagePane.setLayout(new GridLayout());
        Label heading = new Label(messagePane, SWT.NONE);
        heading.setBackground(messagePane.getBackground());
        heading.setText("Training curves");
        heading.setFont(parent.getFont());
        message = new Label(messagePane, SWT.WRAP);
        message.setBackground(messagePane.getBackground());
        message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        showMessage(NOTHING_SELECTED);
    }

    /**
     * Draws a plot worked out off the UI thread: its curves, or its message in place of the chart.
     *
     * @param plot what to draw
     */
    public void show(TrainingPlot plot) {
        if (plot.curves().isEmpty()) {
            showMessage(plot.message());
            return;
        }
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(series.getId());
        }
        this.plot = plot;
        for (TrainingPlot.Curve curve : plot.curves()) {
            line(curve, curve.id().equals(TrainingPlot.TRAIN) ? trainColor : validationColor);
        }
        chart.getAxisSet().getXAxis(0).setRange(new Range(plot.xLower(), plot.xUpper()));
        chart.getAxisSet().getYAxis(0).getTick().setFormat(new DecimalFormat(plot.yStep() < 1 ? "0.0" : "0"));
        chart.getAxisSet().getXAxis(0).getTick().setTickMarkStepHint(DEFAULT_TICK_HINT);
        fitTicks();
        stack.topControl = chart;
        area.layout();
        chart.redraw();
    }

    private void line(TrainingPlot.Curve curve, Color color) {
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, curve.id());
        series.setDescription(curve.description());
        series.setXSeries(curve.epochs());
        series.setYSeries(curve.percents());
        series.setLineColor(color);
        series.setLineWidth(2);
        series.setSymbolType(PlotSymbolType.CIRCLE);
        series.setSymbolColor(color);
        series.setSymbolSize(curve.epochs().length == 1 ? 5 : 4);
        series.setAntialias(SWT.ON);
    }

    /** Spaces both axes' ticks for the plot's size: whole epochs, and the plot's accuracy step. */
    private void fitTicks() {
        fitEpochTicks();
        fitAccuracyTicks();
    }

    /**
     * Spaces the epoch axis's ticks at least an epoch apart. SWTChart spaces ticks by a pixel hint and rounds
     * the step to 1, 2 or 5 times a power of ten; a hint of a little more than an epoch's width in pixels
     * makes that step a whole number of epochs, so no tick falls between two epochs. The hint only grows
     * while a plot is shown: a new hint lays the chart out again, which may change the plot's width, and
     * following every change back and forth would never end.
     */
    private void fitEpochTicks() {
        int width = chart.getPlotArea().getSize().x;
        if (plot == null || width <= 0) {
            return;
        }
        IAxis x = chart.getAxisSet().getXAxis(0);
        double epochs = plot.xUpper() - plot.xLower();
        int hint = x.getTick().getTickMarkStepHint();
        // SWTChart rounds a step of 0.75 epochs or more up to a whole epoch
        if (hint * epochs / width < 0.8) {
            x.getTick().setTickMarkStepHint((int) Math.ceil(1.05 * width / epochs));
        }
    }

    /**
     * Puts the accuracy axis's ticks the plot's step apart, at both ends of the plot's range: the hint is the
     * step's height in pixels, which SWTChart's rounding keeps as it is since the step already is 1, 2 or 5
     * times a power of ten. The hint depends on the plot's height only, which the ticks' labels do not change.
     */
    private void fitAccuracyTicks() {
        if (plot == null) {
            return;
        }
        IAxis y = chart.getAxisSet().getYAxis(0);
        int height = chart.getPlotArea().getSize().y;
        if (height <= 0) {
            y.setRange(new Range(plot.yLower(), plot.yUpper()));
            return;
        }
        // the label of the top tick is centred on it: the axis goes half a label higher, so that the legend
        // above does not cut it
        double span = plot.yUpper() - plot.yLower();
        double above = span * tickLabelSpace / 3 / Math.max(1, height - tickLabelSpace / 3);
        y.setRange(new Range(plot.yLower(), plot.yUpper() + above));
        int hint = Math.max(1, (int) Math.round(plot.yStep() * height / (span + above)));
        // in a plot too short for that many labels SWTChart doubles the step, and rounds it: some ends go unlabelled
        while (hint < tickLabelSpace) {
            hint *= 2;
        }
        if (y.getTick().getTickMarkStepHint() != hint) {
            y.getTick().setTickMarkStepHint(hint);
        }
    }

    /** Writes the value of each single-point curve to the right of its point, the higher value above. */
    private void paintValues(PaintEvent e) {
        if (plot == null) {
            return;
        }
        List<ISeries<?>> single = new ArrayList<>();
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            if (series.getXSeries().length == 1) {
                single.add(series);
            }
        }
        single.sort(Comparator.comparingInt(series -> series.getPixelCoordinates(0).y));
        int lineHeight = e.gc.getFontMetrics().getHeight();
        int below = Integer.MIN_VALUE;
        for (ISeries<?> series : single) {
            TrainingPlot.Curve curve = curve(series.getId());
            Point at = series.getPixelCoordinates(0);
            // labels of points close together are stacked, not drawn over each other
            int y = Math.max(at.y - lineHeight / 2, below);
            e.gc.setForeground(series.getId().equals(TrainingPlot.TRAIN) ? trainColor : validationColor);
            e.gc.drawText(curve.labels().get(0), at.x + 9, y, true);
            below = y + lineHeight;
        }
    }

    private TrainingPlot.Curve curve(String id) {
        return plot.curves().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    /**
     * Says, in place of the chart, why there is nothing to plot.
     *
     * @param text the sentence
     */
    public void showMessage(String text) {
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(series.getId());
        }
        plot = null;
        message.setText(text);
        stack.topControl = messagePane;
        messagePane.layout();
        area.layout();
    }

    /**
     * The chart area, for its parent's layout.
     *
     * @return the control holding the chart or the message
     */
    public Control control() {
        return area;
    }

    /**
     * The plot drawn, for tests.
     *
     * @return it, or empty while a message is shown
     */
    public Optional<TrainingPlot> plot() {
        return Optional.ofNullable(plot);
    }

    /**
     * The chart, for tests.
     *
     * @return the SWTChart chart
     */
    public Chart chart() {
        return chart;
    }

    /**
     * The sentence shown instead of the chart, for tests.
     *
     * @return it, or empty while the chart is shown
     */
    public Optional<String> message() {
        return stack.topControl == messagePane ? Optional.of(message.getText()) : Optional.empty();
    }
}
