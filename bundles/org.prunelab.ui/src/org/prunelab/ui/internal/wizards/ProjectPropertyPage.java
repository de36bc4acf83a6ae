package org.prunelab.ui.internal.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PropertyPage;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.VersionStore;

/**
 * A PruneLab project's Properties page: its description (editable), its dataset with the normalisation
 * its images get (changed through Add Dataset), and its models with their version counts. What it shows
 * is {@code prunelab.json}, which also opens in a text editor.
 */
public final class ProjectPropertyPage extends PropertyPage {

    private Text description;
    private Label dataset;
    private Table models;
    private ProjectDescriptor read;
    private String problem;

    @Override
    protected Control createContents(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 6).applyTo(root);
        new Label(root, SWT.NONE).setText("Description:");
        description = new Text(root, SWT.BORDER | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, false).hint(360, 54).applyTo(description);

        new Label(root, SWT.NONE).setText("Dataset:");
        Composite datasetRow = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(datasetRow);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(datasetRow);
        dataset = new Label(datasetRow, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(dataset);
        Button change = new Button(datasetRow, SWT.PUSH);
        change.setText("Change…");
        change.setToolTipText("Choose the project's dataset or its normalisation (Add Dataset)");
        change.addListener(SWT.Selection, e -> changeDataset());

        Label modelsLabel = new Label(root, SWT.NONE);
        modelsLabel.setText("Models:");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(modelsLabel);
        models = new Table(root, SWT.BORDER | SWT.FULL_SELECTION);
        models.setHeaderVisible(true);
        models.setLinesVisible(true);
        for (String column : new String[] {"Model", "Versions", "Architecture"}) {
            new TableColumn(models, SWT.LEFT).setText(column);
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(360, 120).applyTo(models);
        load();
        return root;
    }

    private Path folder() {
        IProject project = Adapters.adapt(getElement(), IProject.class);
        return project.getLocation().toFile().toPath();
    }

    private void load() {
        models.removeAll();
        try {
            read = ProjectFolder.open(folder()).descriptor();
            problem = null;
        } catch (IOException | RuntimeException e) {
            read = null;
            problem = e.getMessage();
        }
        if (read == null) {
            setErrorMessage("Cannot read prunelab.json: " + problem);
            description.setEnabled(false);
            dataset.setText("");
            return;
        }
        description.setText(read.description() == null ? "" : read.description());
        dataset.setText(describe(read.dataset()));
        VersionStore store;
        try {
            store = new VersionStore(folder());
        } catch (IOException e) {
            setErrorMessage("Cannot read the models: " + e.getMessage());
            return;
        }
        for (String model : read.models()) {
            // prunelab.json and the versions' small JSON files: read at once, as the Properties dialog opens
            List<ModelVersion> versions;
            try {
                versions = store.versions(model);
            } catch (IOException e) {
                new TableItem(models, SWT.NONE).setText(new String[] {model, "?", e.getMessage()});
                continue;
            }
            String arch = versions.stream().filter(v -> v.parent() == null).findFirst()
                    .map(v -> String.valueOf(v.recipe().architecture())).orElse("");
            new TableItem(models, SWT.NONE).setText(new String[] {model, String.valueOf(versions.size()), arch});
        }
        for (TableColumn column : models.getColumns()) {
            column.pack();
        }
        dataset.getParent().layout(true);
    }

    /**
     * The dataset line: kind, location and normalisation.
     *
     * @param spec the dataset, or null
     * @return the text shown
     */
    static String describe(DatasetSpec spec) {
        if (spec == null) {
            return "none yet: Change… adds one";
        }
        return String.format(Locale.ROOT, "%s at %s; normalised with mean %s, std %s", spec.kind(), spec.location(),
                AddDatasetPage.numbers(spec.normalization().mean()), AddDatasetPage.numbers(spec.normalization().std()));
    }

    private void changeDataset() {
        AddDatasetWizard wizard = new AddDatasetWizard();
        wizard.init(PlatformUI.getWorkbench(), new StructuredSelection(Adapters.adapt(getElement(), IProject.class)));
        if (new WizardDialog(getShell(), wizard).open() == WizardDialog.OK) {
            String typed = description.getText();
            load();
            description.setText(typed);
        }
    }

    @Override
    public boolean performOk() {
        if (read == null) {
            return true;
        }
        String text = description.getText().strip();
        if (text.equals(read.description() == null ? "" : read.description())) {
            return true;
        }
        try {
            ProjectFolder.open(folder()).update(d -> d.withDescription(text));
            return true;
        } catch (IOException | RuntimeException e) {
            setErrorMessage("Cannot write prunelab.json: " + e.getMessage());
            return false;
        }
    }

    /**
     * The description field, for tests.
     *
     * @return it
     */
    public Text description() {
        return description;
    }

    /**
     * The models table, for tests.
     *
     * @return it
     */
    public Table models() {
        return models;
    }

    /**
     * The dataset line shown, for tests.
     *
     * @return its text
     */
    public String datasetText() {
        return dataset.getText();
    }
}
