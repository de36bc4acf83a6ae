package org.prunelab.ui.internal.wizards;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelImport;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.training.TrainingSettings;
import org.prunelab.ui.internal.lineage.TrainingScheduleFields;

/**
 * The New Model wizard's page: the project, the model's name, an architecture at the dataset's image shape
 * and classes (its size shown as it is chosen), and the training schedule.
 */
public final class NewModelPage extends WizardPage {

    /** The architectures offered, with what their parameter means. */
    private enum Family {
        SMALL_VGG("Small VGG", "small-vgg", "Widths:", "32,32,64,64", "conv widths: two stages of two convolutions"),
        VGG11("VGG-11-BN", "vgg11-bn", "Width ×:", "0.25", "a multiple of VGG's widths (64 … 512)"),
        VGG16("VGG-16-BN", "vgg16-bn", "Width ×:", "0.25", "a multiple of VGG's widths (64 … 512)"),
        RESNET("ResNet (CIFAR-style)", "resnet", "Depth:", "20", "6n + 2: 8, 14, 20, 32, 44, 56, …");

        final String label;
        final String name;
        final String parameter;
        final String value;
        final String hint;

        Family(String label, String name, String parameter, String value, String hint) {
            this.label = label;
            this.name = name;
            this.parameter = parameter;
            this.value = value;
            this.hint = hint;
        }
    }

    private final ProjectChoice projects;
    private Text modelId;
    private Combo family;
    private Label parameterLabel;
    private Text parameter;
    private Button bias;
    private Label size;
    private TrainingScheduleFields schedule;

    private DatasetSpec dataset;
    private List<Integer> imageShape;
    private int classes;
    private List<String> models = List.of();
    private Network network;
    private String problem;
    private String proposed;
    private String datasetProblem;
    private String descriptorProblem;
    private Job datasetJob;

    NewModelPage(IProject initial) {
        super("model");
        this.projects = new ProjectChoice(initial);
        setTitle("Train a New Model");
        setDescription("An architecture trained from scratch on the project's dataset, as the root of a new lineage.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).margins(8, 8).spacing(8, 6).applyTo(root);
        projects.create(root, 1);
        projects.combo().addListener(SWT.Selection, e -> projectChanged());

        new Label(root, SWT.NONE).setText("Model name:");
        modelId = new Text(root, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(modelId);
        modelId.addListener(SWT.Modify, e -> validate());

        Group architecture = new Group(root, SWT.NONE);
        architecture.setText("Architecture");
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(architecture);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(architecture);
        new Label(architecture, SWT.NONE).setText("Family:");
        family = new Combo(architecture, SWT.READ_ONLY);
        for (Family f : Family.values()) {
            family.add(f.label);
        }
        family.select(0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(family);
        parameterLabel = new Label(architecture, SWT.NONE);
        parameter = new Text(architecture, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).hint(160, SWT.DEFAULT).applyTo(parameter);
        bias = new Button(architecture, SWT.CHECK);
        bias.setText("conv bias");
        bias.setToolTipText("Give the convolutions a bias, as PyTorch's nn.Conv2d has by default");
        size = new Label(architecture, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(420, SWT.DEFAULT).applyTo(size);
        family.addListener(SWT.Selection, e -> familyChanged());
        parameter.addListener(SWT.Modify, e -> validate());
        bias.addListener(SWT.Selection, e -> validate());

        Group training = new Group(root, SWT.NONE);
        training.setText("Training");
        GridLayoutFactory.swtDefaults().applyTo(training);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(training);
        schedule = new TrainingScheduleFields(training, this::validate);
        schedule.set(TrainingSettings.adam(2, TrainingScheduleFields.LEARNING_RATE,
                TrainingScheduleFields.BATCH_SIZE, TrainingScheduleFields.SEED));

        setControl(root);
        familyChanged();
        projectChanged();
    }

    private void familyChanged() {
        Family chosen = chosen();
        parameterLabel.setText(chosen.parameter);
        parameter.setText(chosen.value);
        parameter.setToolTipText(chosen.hint);
        bias.setEnabled(chosen == Family.SMALL_VGG);
        if (modelId.getText().equals(proposed)) {
            // a name the page proposed follows the family; one the user typed stays
            proposed = freeName();
            modelId.setText(proposed);
        }
        parameterLabel.getParent().layout(true);
        validate();
    }

    private void projectChanged() {
        dataset = null;
        datasetProblem = null;
        descriptorProblem = null;
        models = List.of();
        if (!projects.isEmpty()) {
            try {
                ProjectDescriptor descriptor = ProjectFolder.open(projects.directory()).descriptor();
                dataset = descriptor.dataset();
                models = descriptor.models();
            } catch (IOException | RuntimeException e) {
                descriptorProblem = "Cannot read the project's prunelab.json: " + e.getMessage();
            }
        }
        imageShape = null;
        if (modelId.getText().isBlank() || modelId.getText().equals(proposed) || models.contains(modelId.getText().strip())) {
            proposed = freeName();
            modelId.setText(proposed);
        }
        validate();
        if (dataset != null) {
            // the image shape and classes are the dataset's: read in a job, the test set being the smaller split
            DatasetSpec reading = dataset;
            Path dir = projects.directory();
            Display display = getControl().getDisplay();
            Job job = Job.create("Reading the dataset of "
                    + projects.project().getName(), monitor -> {
                        String failure = null;
                        List<Integer> shape = null;
                        int count = 0;
                        try {
                            var test = reading.test(dir);
                            shape = test.imageShape();
                            count = test.classNames().size();
                        } catch (RuntimeException e) {
                            failure = e.getMessage();
                        }
                        List<Integer> readShape = shape;
                        int readClasses = count;
                        String readFailure = failure;
                        if (!display.isDisposed()) {
                            display.asyncExec(() -> {
                                if (getControl().isDisposed() || reading != dataset) {
                                    return;
                                }
                                imageShape = readShape;
                                classes = readClasses;
                                datasetProblem = readFailure;
                                validate();
                            });
                        }
                    });
            job.setSystem(true);
            job.schedule();
            datasetJob = job;
        }
    }

    private String freeName() {
        String base = chosen() == Family.RESNET ? "resnet" : "vgg";
        String name = base;
        for (int n = 2; models.contains(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private Family chosen() {
        return Family.values()[family.getSelectionIndex()];
    }

    /** The architecture as the command line's --arch names it. */
    String architecture() {
        String arch = chosen().name + ":" + parameter.getText().strip();
        return chosen() == Family.SMALL_VGG && bias.getSelection() ? arch + "+bias" : arch;
    }

    private void validate() {
        problem = problem();
        if (network != null && problem == null) {
            Complexity complexity = Complexity.of(network);
            size.setText(String.format(Locale.ROOT, "%d layers, %,d parameters, %,d FLOPs: %d × %d × %d images into %d "
                    + "classes.", network.layers().size(), complexity.parameters(), 2 * complexity.macs(),
                    imageShape.get(0), imageShape.get(1), imageShape.get(2), classes));
        } else if (network == null) {
            size.setText("");
        }
        boolean typed = !parameter.getText().isBlank();
        setErrorMessage(problem != null && typed && dataset != null ? problem : null);
        setMessage(problem == null ? "Finish trains the model in a job, its curves drawn in the Training view."
                : problem, problem == null ? NONE : INFORMATION);
        setPageComplete(problem == null);
    }

    private String problem() {
        network = null;
        if (projects.isEmpty()) {
            return ProjectChoice.NO_PROJECT;
        }
        if (descriptorProblem != null) {
            return descriptorProblem;
        }
        if (dataset == null) {
            return "The project has no dataset yet: add one first (its context menu > Add Dataset…).";
        }
        if (datasetProblem != null) {
            return datasetProblem;
        }
        if (imageShape == null) {
            return "Reading the project's dataset…";
        }
        String id = modelId.getText().strip();
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            return "Name the model with letters, digits, '-', '_' or '.'.";
        }
        if (models.contains(id)) {
            return "The project has a model '" + id + "' already: choose another name.";
        }
        try {
            network = ModelImport.architecture(architecture(), imageShape, classes);
            network.shapes();
        } catch (RuntimeException e) {
            network = null;
            return chosen().parameter.replace(":", "") + " " + chosen().hint + ": " + e.getMessage();
        }
        return schedule.problem().orElse(null);
    }

    /**
     * The network chosen, at the dataset's shape.
     *
     * @return the network
     */
    Network network() {
        return network;
    }

    /**
     * The training schedule.
     *
     * @return the settings
     */
    TrainingSettings settings() {
        return schedule.settings();
    }

    /**
     * The chosen project's folder.
     *
     * @return its location
     */
    Path projectDirectory() {
        return projects.directory();
    }

    /**
     * The new model's name.
     *
     * @return the name
     */
    public String modelId() {
        return modelId.getText().strip();
    }

    /**
     * Fills the page as a user would, for tests.
     *
     * @param name the model's name
     * @param familyIndex 0 small VGG, 1 VGG-11-BN, 2 VGG-16-BN, 3 ResNet
     * @param value the widths, width multiple or depth
     * @param epochs training epochs
     */
    public void fill(String name, int familyIndex, String value, int epochs) {
        family.select(familyIndex);
        familyChanged();
        parameter.setText(value);
        modelId.setText(name);
        var settings = schedule.settings();
        schedule.set(new TrainingSettings(settings.optimizer(), settings.learningRate(),
                settings.momentum(), settings.weightDecay(), settings.schedule(), settings.stepEpochs(), epochs,
                settings.batchSize(), settings.seed(), settings.augment(), 0, 0));
        validate();
    }

    /**
     * The job reading the project's dataset, for tests.
     *
     * @return the job, or null
     */
    public Job datasetJob() {
        return datasetJob;
    }

    /**
     * What stops Finish, for tests.
     *
     * @return the message, or null
     */
    public String problemShown() {
        return problem;
    }
}
