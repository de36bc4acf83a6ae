package org.prunelab.ui.internal.wizards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.prunelab.core.project.DatasetImport;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.ui.internal.Thumbnails;

/**
 * The Add Dataset wizard's page: the project, the format and folder, checked as they are typed (in a
 * job: a folder of images takes a moment to read), with the classes, the images per split, a few images
 * of every class and the normalisation computed from the training images, which can be edited.
 */
public final class AddDatasetPage extends WizardPage {

    /** The formats, as {@link DatasetSpec#KINDS} orders them, as a user knows them. */
    private static final List<String> KIND_LABELS = List.of("Fashion-MNIST (IDX files as PruneLab converts them)",
            "MNIST (IDX files, train-* and t10k-*)", "CIFAR-10 (binary batches)",
            "Image folders (train/ and test/ of one folder per class)");

    private static final int EXAMPLES_PER_CLASS = 6;
    /** Thumbnails are about this tall. */
    private static final int THUMBNAIL = 36;

    private final ProjectChoice projects;
    private Combo kind;
    private Text location;
    private Label summary;
    private Table classes;
    private Composite grid;
    private ScrolledComposite gridScroll;
    private Text mean;
    private Text std;
    private final List<Image> images = new ArrayList<>();

    private DatasetImport.Preview preview;
    /** The chosen project's dataset, or null. */
    private DatasetSpec current;
    private String readProblem;
    /** Bumped by every edit: a read that finishes after a newer edit is dropped. */
    private int generation;
    private Job reading;
    /** Captured on the UI thread: the reading job posts its result there, even as the wizard closes. */
    private Display display;

    AddDatasetPage(IProject initial) {
        super("dataset");
        this.projects = new ProjectChoice(initial);
        setTitle("Add a Dataset");
        setDescription("The images the project's models are trained, pruned and tested on.");
    }

    @Override
    public void createControl(Composite parent) {
        display = parent.getDisplay();
        Composite root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).margins(8, 8).spacing(8, 6).applyTo(root);
        projects.create(root, 2);
        projects.combo().addListener(SWT.Selection, e -> projectChanged());

        new Label(root, SWT.NONE).setText("Format:");
        kind = new Combo(root, SWT.READ_ONLY);
        KIND_LABELS.forEach(kind::add);
        kind.select(DatasetSpec.KINDS.indexOf("image-folders"));
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(kind);
        kind.addListener(SWT.Selection, e -> changed());

        new Label(root, SWT.NONE).setText("Folder:");
        location = new Text(root, SWT.BORDER);
        location.setMessage("the dataset's folder (relative to the project, or absolute)");
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(location);
        location.addListener(SWT.Modify, e -> changed());
        Button browse = new Button(root, SWT.PUSH);
        browse.setText("Browse…");
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(getShell());
            dialog.setMessage("The dataset's folder");
            String chosen = dialog.open();
            if (chosen != null) {
                location.setText(chosen);
            }
        });

        summary = new Label(root, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).span(3, 1).hint(380, SWT.DEFAULT).applyTo(summary);

        Composite contents = new Composite(root, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(8, 6).applyTo(contents);
        GridDataFactory.fillDefaults().grab(true, true).span(3, 1).applyTo(contents);
        classes = new Table(contents, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
        classes.setHeaderVisible(true);
        classes.setLinesVisible(true);
        for (String column : new String[] {"Class", "Training", "Test"}) {
            new TableColumn(classes, column.equals("Class") ? SWT.LEFT : SWT.RIGHT).setText(column);
        }
        GridDataFactory.fillDefaults().grab(false, true).hint(230, 290).applyTo(classes);
        gridScroll = new ScrolledComposite(contents, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        grid = new Composite(gridScroll, SWT.NONE);
        gridScroll.setContent(grid);
        gridScroll.setExpandHorizontal(true);
        gridScroll.setExpandVertical(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(340, 290).applyTo(gridScroll);

        new Label(root, SWT.NONE).setText("Mean:");
        mean = new Text(root, SWT.BORDER);
        mean.setToolTipText("Per channel, subtracted from the pixels (in [0, 1]); computed from the training images");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(mean);
        new Label(root, SWT.NONE).setText("Std:");
        std = new Text(root, SWT.BORDER);
        std.setToolTipText("Per channel, divides the pixels after the mean is subtracted");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(std);
        mean.addListener(SWT.Modify, e -> validate());
        std.addListener(SWT.Modify, e -> validate());

        root.addListener(SWT.Dispose, e -> {
            images.forEach(Image::dispose);
            if (reading != null) {
                reading.cancel();
            }
        });
        setControl(root);
        projectChanged();
    }

    /** Shows the chosen project's dataset, if it has one, as the starting point. */
    private void projectChanged() {
        current = null;
        if (!projects.isEmpty()) {
            try {
                current = ProjectFolder.open(projects.directory()).descriptor().dataset();
            } catch (IOException | RuntimeException e) {
                // an unreadable prunelab.json: the dataset is chosen afresh (storing it reports the problem)
            }
        }
        if (current != null) {
            kind.select(DatasetSpec.KINDS.indexOf(current.kind()));
            location.setText(current.location());
        }
        changed();
    }

    @Override
    public void setVisible(boolean visible) {
        super.setVisible(visible);
        if (visible) {
            location.setFocus();
        }
    }

    /** Forgets what was read and reads the folder again, shortly after the last keystroke. */
    private void changed() {
        int current = ++generation;
        preview = null;
        readProblem = null;
        show(null, List.of());
        if (reading != null) {
            reading.cancel();
        }
        String folder = location.getText().strip();
        if (projects.isEmpty() || folder.isEmpty()) {
            validate();
            return;
        }
        Path projectDir = projects.directory();
        String chosenKind = kind();
        Path resolved = projectDir.resolve(folder);
        if (!Files.isDirectory(resolved)) {
            readProblem = "There is no folder " + resolved;
            validate();
            return;
        }
        summary.setText("Reading " + resolved + "…");
        validate();
        reading = Job.create("Reading the dataset at " + folder, monitor -> {
            DatasetImport.Preview read;
            List<List<ImageData>> pictures = new ArrayList<>();
            try {
                read = DatasetImport.read(projectDir, chosenKind, folder, EXAMPLES_PER_CLASS, monitor);
                int scale = Math.max(1, THUMBNAIL / read.train().imageShape().get(1));
                for (List<Integer> indices : read.examples()) {
                    List<ImageData> row = new ArrayList<>();
                    for (int index : indices) {
                        row.add(Thumbnails.render(read.train(), index, scale));
                    }
                    pictures.add(row);
                }
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                asyncIfCurrent(current, () -> {
                    readProblem = message;
                    summary.setText("");
                    validate();
                });
                return Status.OK_STATUS;
            }
            asyncIfCurrent(current, () -> {
                preview = read;
                show(read, pictures);
                validate();
            });
            return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        reading.setSystem(true);
        reading.schedule(300);
    }

    private void asyncIfCurrent(int current, Runnable update) {
        Display display = this.display;
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (current == generation && getControl() != null && !getControl().isDisposed()) {
                update.run();
            }
        });
    }

    private void show(DatasetImport.Preview read, List<List<ImageData>> pictures) {
        classes.removeAll();
        for (Control child : grid.getChildren()) {
            child.dispose();
        }
        images.forEach(Image::dispose);
        images.clear();
        if (read == null) {
            summary.setText("");
            mean.setText("");
            std.setText("");
            return;
        }
        List<String> names = read.train().classNames();
        for (int c = 0; c < names.size(); c++) {
            new TableItem(classes, SWT.NONE).setText(new String[] {names.get(c),
                    String.valueOf(read.trainPerClass()[c]), String.valueOf(read.testPerClass()[c])});
        }
        for (TableColumn column : classes.getColumns()) {
            column.pack();
        }
        int columns = EXAMPLES_PER_CLASS + 1;
        GridLayoutFactory.fillDefaults().numColumns(columns).margins(4, 4).spacing(3, 3).applyTo(grid);
        for (int c = 0; c < pictures.size(); c++) {
            Label name = new Label(grid, SWT.NONE);
            name.setText(names.get(c));
            for (int i = 0; i < columns - 1; i++) {
                Label picture = new Label(grid, SWT.NONE);
                if (i < pictures.get(c).size()) {
                    Image image = new Image(grid.getDisplay(), pictures.get(c).get(i));
                    images.add(image);
                    picture.setImage(image);
                }
            }
        }
        gridScroll.setMinSize(grid.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        grid.layout(true);
        List<Integer> shape = read.train().imageShape();
        summary.setText(String.format(Locale.ROOT, "%,d training and %,d test images of %d classes, %d × %d × %d "
                + "(channels × height × width).", read.train().size(), read.test().size(), names.size(), shape.get(0),
                shape.get(1), shape.get(2)));
        // the project's dataset keeps its normalisation; another one gets its measured one
        Normalization shown = current != null && current.kind().equals(read.spec().kind())
                && current.location().equals(read.spec().location()) ? current.normalization()
                        : read.spec().normalization();
        mean.setText(numbers(shown.mean()));
        std.setText(numbers(shown.std()));
        summary.getParent().layout(true);
    }

    /** Per-channel values as the mean and std fields show them, and the project's Properties too. */
    static String numbers(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.4f", v)).collect(Collectors.joining(", "));
    }

    private void validate() {
        String problem = problem();
        boolean typed = !location.getText().isBlank();
        setErrorMessage(problem != null && typed && (readProblem != null || preview != null) ? problem : null);
        setMessage(problem == null ? "Finish makes this the project's dataset." : problem,
                problem == null ? NONE : INFORMATION);
        setPageComplete(problem == null);
    }

    private String problem() {
        if (projects.isEmpty()) {
            return ProjectChoice.NO_PROJECT;
        }
        if (location.getText().isBlank()) {
            return "Choose the dataset's folder.";
        }
        if (readProblem != null) {
            return readProblem;
        }
        if (preview == null) {
            return "Reading the dataset…";
        }
        try {
            normalization();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * The normalisation as edited.
     *
     * @return per-channel mean and std
     * @throws IllegalArgumentException naming the field that does not read
     */
    Normalization normalization() {
        int channels = preview.train().imageShape().get(0);
        List<Double> means = parse(mean.getText(), "Mean", channels, false);
        List<Double> stds = parse(std.getText(), "Std", channels, true);
        return new Normalization(means, stds);
    }

    private static List<Double> parse(String text, String field, int channels, boolean positive) {
        List<Double> values = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                double value = Double.parseDouble(part.strip());
                if (!Double.isFinite(value) || positive && value <= 0) {
                    throw new NumberFormatException();
                }
                values.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": '" + part.strip() + "' is not a "
                        + (positive ? "positive " : "") + "number.");
            }
        }
        if (values.size() != channels) {
            throw new IllegalArgumentException(field + ": give " + channels + " value" + (channels == 1 ? "" : "s")
                    + " (one per channel), not " + values.size() + ".");
        }
        return values;
    }

    /**
     * The dataset to store: the folder as read, with the normalisation as edited.
     *
     * @return the dataset
     */
    DatasetSpec spec() {
        return new DatasetSpec(preview.spec().kind(), preview.spec().location(), normalization());
    }

    /**
     * The chosen project's folder.
     *
     * @return its location
     */
    Path projectDirectory() {
        return projects.directory();
    }

    private String kind() {
        return DatasetSpec.KINDS.get(kind.getSelectionIndex());
    }

    /**
     * Fills the page as a user would, for tests.
     *
     * @param datasetKind one of {@link DatasetSpec#KINDS}
     * @param folder the folder
     */
    public void fill(String datasetKind, String folder) {
        kind.select(DatasetSpec.KINDS.indexOf(datasetKind));
        location.setText(folder);
        changed();
    }

    /**
     * Sets the normalisation fields, for tests.
     *
     * @param means the mean field's text
     * @param stds the std field's text
     */
    public void normalization(String means, String stds) {
        mean.setText(means);
        std.setText(stds);
    }

    /**
     * What the folder was read as, for tests.
     *
     * @return the preview, or null while reading or when the folder does not read
     */
    public DatasetImport.Preview preview() {
        return preview;
    }

    /**
     * How many thumbnails the preview grid shows, for tests.
     *
     * @return the number of images
     */
    public int thumbnails() {
        return images.size();
    }

    /**
     * The job reading the folder, for tests.
     *
     * @return the job, or null
     */
    public Job reading() {
        return reading;
    }
}
