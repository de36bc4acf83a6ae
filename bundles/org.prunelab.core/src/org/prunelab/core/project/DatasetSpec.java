package org.prunelab.core.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.prunelab.runtime.data.CifarBinary;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.DatasetException;
import org.prunelab.runtime.data.FashionMnist;
import org.prunelab.runtime.data.IdxFiles;
import org.prunelab.runtime.data.ImageFolderDataset;
import org.prunelab.runtime.data.Normalization;

/**
 * A project's dataset: its format, where it is, and the normalisation its images get.
 *
 * @param kind the format: {@code fashion-mnist} (IDX files as {@link FashionMnist} writes them),
 *            {@code mnist} (IDX files of MNIST's names), {@code cifar10} (the binary batches) or
 *            {@code image-folders} (a {@code train} and a {@code test} folder of class folders)
 * @param location the folder, relative to the project or absolute
 * @param normalization per-channel mean and std
 */
public record DatasetSpec(String kind, String location, Normalization normalization) {

    /** The formats PruneLab reads. */
    public static final List<String> KINDS = List.of("fashion-mnist", "mnist", "cifar10", "image-folders");

    /** The MNIST digit names. */
    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Checks the kind. */
    public DatasetSpec {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown dataset kind '" + kind + "'; known: " + KINDS);
        }
    }

    /**
     * The names of a dataset's classes without reading any image: Fashion-MNIST's and CIFAR-10's names, an
     * image-folders dataset's class folders, else (or when they are not there) the class numbers.
     *
     * @param data the dataset, or null if the project has none
     * @param projectDir the project's folder, against which a relative location resolves
     * @param classes how many classes the models tell apart
     * @return one name per class
     */
    public static List<String> classNames(DatasetSpec data, Path projectDir, int classes) {
        if (data != null && data.kind().equals("fashion-mnist")) {
            return FashionMnist.CLASSES;
        }
        if (data != null && data.kind().equals("cifar10")) {
            return CifarBinary.CLASSES;
        }
        if (data != null && data.kind().equals("image-folders")) {
            try {
                List<String> folders = ImageFolderDataset.classNames(projectDir.resolve(data.location())
                        .resolve("train"));
                if (folders.size() == classes) {
                    return folders;
                }
            } catch (DatasetException e) {
                // the images are not here: the numbers still tell the classes apart
            }
        }
        return IntStream.range(0, classes).mapToObj(String::valueOf).toList();
    }

    /**
     * The first file or folder of the dataset that is not there, found without reading any image.
     *
     * @param projectDir the project's folder, against which a relative location resolves
     * @return the missing path, or empty if the dataset's files are all there
     */
    public Optional<Path> missing(Path projectDir) {
        Path dir = projectDir.resolve(location);
        if (!Files.isDirectory(dir)) {
            return Optional.of(dir);
        }
        List<String> needed = switch (kind) {
            case "fashion-mnist", "mnist" -> List.of(FashionMnist.TRAIN_IMAGES, FashionMnist.TRAIN_LABELS,
                    FashionMnist.TEST_IMAGES, FashionMnist.TEST_LABELS);
            case "cifar10" -> List.of("data_batch_1.bin", "test_batch.bin");
            default -> List.of("train", "test");
        };
        return needed.stream().map(dir::resolve).filter(f -> !Files.exists(f)).findFirst();
    }

    /** Says what is missing, and how the demo gets its images, before a reader fails on the first file. */
    private void requirePresent(Path projectDir) {
        missing(projectDir).ifPresent(path -> {
            throw new DatasetException(path, "is missing, which " + (kind.equals("image-folders") ? "an " : "a ") + kind + " dataset needs"
                    + (kind.equals("fashion-mnist") ? ": Fetch Fashion-MNIST in the Exploration Tree gets the images "
                            + "(demo/make-demo.sh --data for the repository's demo)" : ""));
        });
    }

    /**
     * The training set.
     *
     * @param projectDir the project's folder, against which a relative location resolves
     * @return the training set
     * @throws org.prunelab.runtime.data.DatasetException naming the file if it cannot be read
     */
    public Dataset train(Path projectDir) {
        requirePresent(projectDir);
        Path dir = projectDir.resolve(location);
        return switch (kind) {
            case "fashion-mnist" -> FashionMnist.train(dir);
            case "mnist" -> IdxFiles.read("MNIST train", dir.resolve("train-images-idx3-ubyte.gz"),
                    dir.resolve("train-labels-idx1-ubyte.gz"), DIGITS);
            case "cifar10" -> CifarBinary.train(dir);
            default -> new ImageFolderDataset(dir.resolve("train"));
        };
    }

    /**
     * The test set.
     *
     * @param projectDir the project's folder, against which a relative location resolves
     * @return the test set
     * @throws org.prunelab.runtime.data.DatasetException naming the file if it cannot be read
     */
    public Dataset test(Path projectDir) {
        requirePresent(projectDir);
        Path dir = projectDir.resolve(location);
        return switch (kind) {
            case "fashion-mnist" -> FashionMnist.test(dir);
            case "mnist" -> IdxFiles.read("MNIST test", dir.resolve("t10k-images-idx3-ubyte.gz"),
                    dir.resolve("t10k-labels-idx1-ubyte.gz"), DIGITS);
            case "cifar10" -> CifarBinary.test(dir);
            // the training folder's classes, in its order: a test folder missing one must not renumber the rest
            default -> ImageFolderDataset.matching(dir.resolve("test"), new ImageFolderDataset(dir.resolve("train")));
        };
    }
}
