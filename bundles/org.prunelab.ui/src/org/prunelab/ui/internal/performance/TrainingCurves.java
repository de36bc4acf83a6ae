package org.prunelab.ui.internal.performance;

import java.text.DecimalFormat;
import java.util.Locale;
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
import org.prunelab.core.versions.TrainingHistory;

/**
 * The accuracy per epoch of a version's own training, training and validation, as a line chart; for a
 * version without a history, a sentence saying why in place of the chart.
 */
final class TrainingCurves {

    /** The id of the training accuracy series. */
    static final String TRAIN = "train";

    /** The id of the validation accuracy series. */
    static final String VALIDATION = "validation";

    private final Composite area;
    private final StackLayout stack = new StackLayout();
    private final Chart chart;
    private final Composite messagePane;
    private final Label message;
    private final Color trainColor;
    private final Color validationColor;

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
        x.getTick().setFormat(new DecimalFormat("0"));
        // epochs are whole numbers: no ticks between them
        x.setIntegerDataPointAxis(true);
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
        showMessage("Select a version to see the accuracy of its training per epoch.");
    }

    /**
     * Plots a history: training accuracy and, if it was measured, validation accuracy per epoch, in percent.
     *
     * @param versionId the version's id, for the title
     * @param history its history, not empty
     */
    void show(String versionId, TrainingHistory history) {
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(series.getId());
        }
        double[] epochs = history.epochNumbers();
        line(TRAIN, "training (over the epoch's batches)", epochs, percent(history.trainAccuracy()), trainColor);
        if (history.hasValidation()) {
            line(VALIDATION, String.format(Locale.ROOT, "validation (%,d samples, after each epoch)",
                    history.validationSamples()), epochs, percent(history.validationAccuracy()), validationColor);
        }
        int n = epochs.length;
        chart.getTitle().setText("Accuracy of " + versionId + "'s training, " + n + (n == 1 ? " epoch" : " epochs"));
        chart.getAxisSet().getXAxis(0).setRange(new Range(epochs[0] - 0.5, epochs[n - 1] + 0.5));
        double low = 100;
        double high = 0;
        for (ISeries<?> series : chart.getSeriesSet().getSeries()) {
            for (double v : series.getYSeries()) {
                if (!Double.isNaN(v)) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        // a margin of a fifth of the spread, at least a point, so close curves stay apart and inside
        double margin = Math.max(1, (high - low) / 5);
        chart.getAxisSet().getYAxis(0).setRange(new Range(Math.max(0, low - margin), Math.min(100, high + margin)));
        stack.topControl = chart;
        area.layout();
        chart.redraw();
    }

    private void line(String id, String description, double[] x, double[] y, Color color) {
        ILineSeries<?> series = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, id);
        series.setDescription(description);
        series.setXSeries(x);
        series.setYSeries(y);
        series.setLineColor(color);
        series.setLineWidth(2);
        series.setSymbolType(PlotSymbolType.CIRCLE);
        series.setSymbolColor(color);
        series.setSymbolSize(4);
        series.setAntialias(SWT.ON);
    }

    private static double[] percent(double[] shares) {
        double[] values = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            values[i] = 100 * shares[i];
        }
        return values;
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
        message.setText(text);
        stack.topControl = messagePane;
        messagePane.layout();
        area.layout();
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
