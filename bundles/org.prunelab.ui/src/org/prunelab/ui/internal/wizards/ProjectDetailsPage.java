package org.prunelab.ui.internal.wizards;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Second page of the new-project wizard: what the project explores. Optional.
 */
public final class ProjectDetailsPage extends WizardPage {

    private Text description;

    ProjectDetailsPage() {
        super("details");
        setTitle("About the Project");
        setDescription("Say what this project explores (optional). Datasets and models are added later.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().applyTo(body);
        new Label(body, SWT.NONE).setText("&Description:");
        description = new Text(body, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        description.setMessage("e.g. How far can VGG-16 on CIFAR-10 be pruned before cats and dogs get confused?");
        GridDataFactory.fillDefaults().grab(true, true).hint(400, 120).applyTo(description);
        setControl(body);
    }

    /**
     * The description typed so far.
     *
     * @return the text, stripped; empty if none
     */
    public String getProjectDescription() {
        return description == null ? "" : description.getText().strip();
    }

    /**
     * Replaces the description, as if typed.
     *
     * @param text the new description
     */
    public void setProjectDescription(String text) {
        description.setText(text);
    }
}
