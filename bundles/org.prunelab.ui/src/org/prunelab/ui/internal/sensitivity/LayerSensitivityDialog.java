package org.prunelab.ui.internal.sensitivity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.LayerSensitivityAnalysis;
import org.prunelab.core.versions.PruningService;

/**
 * Asks for what a layer sensitivity measures: the metric ranking each layer's channels, the shares
 * removed, and how many training images score the filters and judge the pruned networks.
 */
public final class LayerSensitivityDialog extends TitleAreaDialog {

    private final String versionName;
    private final List<MetricDescriptor> metrics;
    private Combo metric;
    private Text ratios;
    private Spinner samples;
    private Spinner probeSamples;
    private LayerSensitivityAnalysis.Settings settings;

    /**
     * Creates the dialog.
     *
     * @param parent the parent shell
     * @param versionName the version's name, for the title
     * @param metrics the installed metrics, in the order offered
     */
    public LayerSensitivityDialog(Shell parent, String versionName, List<MetricDescriptor> metrics) {
        super(parent);
        this.versionName = versionName;
        this.metrics = List.copyOf(metrics);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Layer Sensitivity");
    }

    @Override
    protected Point getInitialSize() {
        // as wide as the fields need, with the message wrapped, rather than as wide as the message on one line
        Point size = super.getInitialSize();
        return new Point(Math.min(size.x, convertWidthInCharsToPixels(90)), size.y);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle("Layer sensitivity of " + versionName);
        setMessage("Each layer pruned alone, its least important channels first, at each share; the accuracy "
                + "left is measured without fine-tuning. Stored with the version; pruning toward a target "
                + "accuracy plans with it.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);

        label(body, "Metric ranking the channels:");
        metric = new Combo(body, SWT.READ_ONLY);
        int chosen = 0;
        for (int i = 0; i < metrics.size(); i++) {
            metric.add(metrics.get(i).name());
            if (metrics.get(i).id().equals(LayerSensitivityAnalysis.DEFAULT_METRIC)) {
                chosen = i;
            }
        }
        metric.select(chosen);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(metric);

        label(body, "Shares removed (%):");
        ratios = new Text(body, SWT.BORDER);
        List<String> percents = new ArrayList<>();
        LayerSensitivity.RATIOS.forEach(r -> percents.add(String.valueOf(Math.round(100 * r))));
        ratios.setText(String.join(", ", percents));
        ratios.setToolTipText("Percentages of a layer's channels removed, rising, between 0 and 100");
        ratios.addModifyListener(e -> validate());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(ratios);

        label(body, "Training images evaluated on:");
        samples = spinner(body, PruningService.VALIDATION_SAMPLES, 1,
                "Spread over the training set, every class in its share; the accuracies are measured on them");
        label(body, "Training images scoring the filters (0: all):");
        probeSamples = spinner(body, 0, 0, "The metric's probe pass, as for pruning");
        return area;
    }

    private static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    private Spinner spinner(Composite parent, int value, int minimum, String tooltip) {
        Spinner spinner = new Spinner(parent, SWT.BORDER);
        spinner.setValues(value, minimum, 1_000_000, 0, 100, 1000);
        spinner.setToolTipText(tooltip);
        GridDataFactory.swtDefaults().hint(120, SWT.DEFAULT).applyTo(spinner);
        return spinner;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Measure", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    private void validate() {
        String problem = shares().isPresent() ? null : "Give the shares as rising percentages between 0 and 100, "
                + "separated by commas, such as 10, 50, 90.";
        setErrorMessage(problem);
        getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
    }

    /** The shares typed, as fractions, if they are rising percentages strictly between 0 and 100. */
    private Optional<List<Double>> shares() {
        List<Double> out = new ArrayList<>();
        double previous = 0;
        for (String part : ratios.getText().split(",")) {
            try {
                double percent = Double.parseDouble(part.strip().replace("%", "").strip());
                if (!(percent > previous && percent < 100)) {
                    return Optional.empty();
                }
                previous = percent;
                out.add(percent / 100);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }

    @Override
    protected void okPressed() {
        settings = new LayerSensitivityAnalysis.Settings(metrics.get(metric.getSelectionIndex()).id(),
                shares().orElseThrow(), samples.getSelection(), probeSamples.getSelection());
        super.okPressed();
    }

    /**
     * The settings chosen.
     *
     * @return them, or null unless the dialog was closed with Measure
     */
    public LayerSensitivityAnalysis.Settings settings() {
        return settings;
    }
}
