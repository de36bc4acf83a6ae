package org.prunelab.ui.internal.lineage;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.prunelab.runtime.training.TrainingSettings;

/**
 * Asks for the schedule to fine-tune a version with; the fine-tuned network becomes a child of it.
 */
public final class FineTuneDialog extends TitleAreaDialog {

    private final String versionName;
    private TrainingScheduleFields fields;
    private TrainingSettings settings;

    /**
     * Creates the dialog.
     *
     * @param parent the parent shell
     * @param versionName the version's name, for the title
     */
    public FineTuneDialog(Shell parent, String versionName) {
        super(parent);
        this.versionName = versionName;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Fine-tune");
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
        setTitle("Fine-tune " + versionName);
        setMessage("Trains a copy on the project's training set; the result is a new child version, evaluated "
                + "on the test set. The version itself is not changed.");
        Composite body = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(12, 12).applyTo(body);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
        fields = new TrainingScheduleFields(body, this::validate, 1, true);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Fine-tune", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    private void validate() {
        String problem = fields.problem().orElse(null);
        setErrorMessage(problem);
        getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
    }

    @Override
    protected void okPressed() {
        settings = fields.settings();
        super.okPressed();
    }

    /**
     * The fields, for tests that type into them.
     *
     * @return the schedule's fields
     */
    public TrainingScheduleFields fields() {
        return fields;
    }

    /**
     * The schedule chosen.
     *
     * @return it, or null unless the dialog was closed with Fine-tune
     */
    public TrainingSettings settings() {
        return settings;
    }
}
