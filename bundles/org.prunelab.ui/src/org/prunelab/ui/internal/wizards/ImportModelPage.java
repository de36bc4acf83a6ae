package org.prunelab.ui.internal.wizards;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.prunelab.core.versions.ModelImport;
import org.prunelab.runtime.network.Layer;
import org.prunelab.ui.internal.VersionJob;

/**
 * The import wizard's one page: the project, the file, the architecture of a PyTorch file, the new model's
 * name, and a preview of the network read (layers, output shapes, parameters) before anything is stored.
 */
public final class ImportModelPage extends WizardPage {

    private final ProjectChoice projects;
    private Text file;
    private Text architecture;
    private Text modelId;
    private Label summary;
    private Table layers;
    private ModelImport.Preview preview;

    ImportModelPage(IProject initial) {
        super("model");
        this.projects = new ProjectChoice(initial);
        setTitle("Import a Model");
        setDescription("An ONNX file, or PyTorch weights with their architecture, as a new model of a project.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(8, 8).spacing(8, 6).applyTo(root);
        projects.create(root, 2);

        new Label(root, SWT.NONE).setText("File:");
        file = new Text(root, SWT.BORDER);
        file.setMessage("model.onnx, or model.pt / .pth (a state_dict or TorchScript)");
        GridDataFactory.fillDefaults().grab(true, false).hint(360, SWT.DEFAULT).applyTo(file);
        Button browse = new Button(root, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] {"*.onnx;*.pt;*.pth", "*.*"});
            String chosen = dialog.open();
            if (chosen != null) {
                file.setText(chosen);
                read();
            }
        });

        new Label(root, SWT.NONE).setText("Architecture:");
        architecture = new Text(root, SWT.BORDER);
        architecture.setMessage("for PyTorch weights: small-vgg:32,32,64,64[+bias], resnet:20, a network.json or "
                + "the model's .onnx");
        architecture.setToolTipText("A PyTorch file holds weights only: name the network they belong to, or give "
                + "the path of the same model's ONNX file (exported keeping its batch norms). An ONNX file to import "
                + "describes its own network.");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(architecture);

        new Label(root, SWT.NONE).setText("Model name:");
        modelId = new Text(root, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(modelId);
        Button read = new Button(root, SWT.PUSH);
        read.setText("&Preview");
        read.setToolTipText("Read the file and show its network, without importing it");
        read.addListener(SWT.Selection, e -> read());

        summary = new Label(root, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(360, SWT.DEFAULT).applyTo(summary);
        layers = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        layers.setHeaderVisible(true);
        layers.setLinesVisible(true);
        for (String column : new String[] {"Layer", "Type", "Output"}) {
            new TableColumn(layers, SWT.LEFT).setText(column);
        }
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).hint(360, 220).applyTo(layers);

        for (Text text : List.of(file, architecture)) {
            text.addListener(SWT.Modify, e -> forget());
        }
        projects.combo().addListener(SWT.Selection, e -> forget());
        modelId.addListener(SWT.Modify, e -> validate());
        setControl(root);
        forget();
    }

    /** Reads the file in the wizard's progress area and shows what it holds, as Preview does. */
    public void read() {
        preview = null;
        if (problem(false) != null) {
            validate();
            return;
        }
        Path dir = projectDirectory();
        Path chosen = file();
        String arch = ModelImport.isOnnx(chosen) ? null : architecture();
        if (modelId.getText().isBlank()) {
            modelId.setText(chosen.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9_-]",
                    "-"));
        }
        try {
            ModelImport.Preview[] read = new ModelImport.Preview[1];
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Reading " + chosen.getFileName(), IProgressMonitor.UNKNOWN);
                try {
                    read[0] = ModelImport.preview(dir, chosen, arch, VersionJob.runtime());
                } catch (Exception e) {
                    throw new InvocationTargetException(e);
                }
            });
            show(read[0]);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            summary.setText("");
            layers.removeAll();
            setErrorMessage(cause.getMessage());
            setPageComplete(false);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        validate();
    }

    private void show(ModelImport.Preview read) {
        preview = read;
        Map<String, List<Integer>> shapes = read.network().shapes();
        layers.removeAll();
        for (Layer layer : read.network().layers()) {
            new TableItem(layers, SWT.NONE).setText(new String[] {layer.id(), layer.op().type(),
                    shapes.get(layer.id()).toString()});
        }
        for (TableColumn column : layers.getColumns()) {
            column.pack();
        }
        summary.setText(String.format(Locale.ROOT, "%s: %d layers, %,d parameters, %,d FLOPs; reads %s images.",
                read.source(), read.network().layers().size(), read.complexity().parameters(),
                2 * read.complexity().macs(), read.network().inputShape()));
        summary.getParent().layout(true);
    }

    private void forget() {
        preview = null;
        if (architecture != null && file != null) {
            architecture.setEnabled(!file.getText().isBlank() ? !ModelImport.isOnnx(Path.of(file.getText().strip()))
                    : true);
        }
        validate();
    }

    private void validate() {
        String problem = problem(true);
        setErrorMessage(problem != null && !file.getText().isBlank() ? problem : null);
        setMessage(problem == null ? null : problem, problem == null ? NONE : INFORMATION);
        if (problem == null) {
            setMessage("Finish imports the model and evaluates it on the project's test set, in a job.");
        }
        setPageComplete(problem == null);
        if (getContainer() != null && getContainer().getCurrentPage() == this) {
            getContainer().updateButtons();
        }
    }

    /** What stops the import, or null; with {@code read} also that the file must have been previewed. */
    private String problem(boolean read) {
        if (projects.isEmpty()) {
            return ProjectChoice.NO_PROJECT;
        }
        if (file.getText().isBlank()) {
            return "Choose an ONNX or PyTorch file.";
        }
        if (!Files.isRegularFile(file())) {
            return "There is no file " + file();
        }
        if (!ModelImport.isOnnx(file()) && architecture().isBlank()) {
            return "A PyTorch file holds weights only: give its architecture.";
        }
        if (!read) {
            return null;
        }
        if (preview == null) {
            return "Preview the file to see its network before importing it.";
        }
        String id = modelId.getText().strip();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            return "Name the model with letters, digits, '-', '_' or '.'.";
        }
        return null;
    }

    /**
     * The chosen project's folder.
     *
     * @return its location
     */
    public Path projectDirectory() {
        return projects.directory();
    }

    /**
     * The chosen file.
     *
     * @return its path
     */
    public Path file() {
        return Path.of(file.getText().strip());
    }

    String architecture() {
        return architecture.getText().strip();
    }

    /**
     * The new model's name.
     *
     * @return the name typed, or proposed from the file's
     */
    public String modelId() {
        return modelId.getText().strip();
    }

    /**
     * Fills the page as a user would, for tests.
     *
     * @param path the file
     * @param arch the architecture, or "" for ONNX
     * @param name the model's name
     */
    public void fill(String path, String arch, String name) {
        file.setText(path);
        architecture.setText(arch);
        modelId.setText(name);
    }

    /**
     * The preview shown, for tests.
     *
     * @return what the file imports as, or null
     */
    public ModelImport.Preview preview() {
        return preview;
    }

    /**
     * The page's summary line, for tests.
     *
     * @return its text
     */
    public String summary() {
        return summary.getText();
    }
}
