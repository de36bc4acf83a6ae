package org.prunelab.ui.internal.performance;

import java.text.DecimalFormat;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

/**
 * The accuracy per epoch of a version's own training, training and validation, as a line chart; for a
 * version without a history, a sentence saying why in place of the chart. It draws a {@link TrainingPlot}
 * worked out in a job.
 */
final class TrainingCurves {

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

    /**
     * Creates the chart area.
     *
     * @param parent where it goes
     */
    TrainingCurves(Composite parent) {
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
        chart.getTitle().setFont(parent.getFont());
        chart.getTitle().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
        chart.getLegend().setPosition(SWT.BOTTOM);
        IAxis x = chart.getAxisSet().getXAxis(0);
        x.getTitle().setText("epoch");
        // epochs are whole numbers: SWTChart hides a label whose rounded value is not at its tick, so only
        // the whole epochs are labelled (its integer axis would divide by zero on a single point)
        x.getTick().setFormat(new DecimalFormat("0"));
        IAxis y = chart.getAxisSet().getYAxis(0);
        y.getTitle().setText("accuracy (%)");
        y.getTick().setFormat(new DecimalFormat("0.0"));
        for (IAxis axis : chart.getAxisSet().getAxes()) {
            axis.getTitle().setFont(parent.getFont());
            axis.getTitle().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
            axis.getTick().setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        }

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
    void show(TrainingPlot plot) {
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
        chart.getTitle().setText(plot.title());
        chart.getAxisSet().getXAxis(0).setRange(new Range(plot.xLower(), plot.xUpper()));
        chart.getAxisSet().getYAxis(0).setRange(new Range(plot.yLower(), plot.yUpper()));
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
        if (!curve.labels().isEmpty()) {
            // quoted, so that SWTChart draws the text as it is instead of reading it as a number pattern
            series.getLabel().setFormats(curve.labels().stream().map(text -> "'" + text + "'").toArray(String[]::new));
            series.getLabel().setForeground(color);
            series.getLabel().setVisible(true);
        }
    }

    /**
     * Says, in place of the chart, why there is nothing to plot.
     *
     * @param text the sentence
     */
    void showMessage(String text) {
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
     * The plot drawn.
     *
     * @return it, or empty while a message is shown
     */
    Optional<TrainingPlot> plot() {
        return Optional.ofNullable(plot);
    }

    /**
     * The chart.
     *
     * @return the SWTChart chart
     */
    Chart chart() {
        return chart;
    }

    /**
     * The sentence shown instead of the chart.
     *
     * @return it, or empty while the chart is shown
     */
    Optional<String> message() {
        return stack.topControl == messagePane ? Optional.of(message.getText()) : Optional.empty();
    }
}
