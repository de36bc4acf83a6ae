package org.prunelab.runtime.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A folder with one sub-folder of PNG or JPEG images per class (classes in alphabetical order). Images
 * are decoded when asked for, so memory does not grow with the folder; all must have the size of the
 * first, and are read as grey or RGB as the first is. Hidden folders are not classes; an empty class
 * folder is an error. A test folder is read with {@link #matching}, which holds it to the training set's
 * classes.
 */
public final class ImageFolderDataset implements Dataset {

    /** 16 megapixels: far above any image a CNN is trained on, far below what would exhaust memory. */
    private static final long MAX_PIXELS = 1L << 24;

    private final String name;
    private final List<String> classNames;
    private final List<Path> files = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<Integer> imageShape;

    /**
     * Scans a folder.
     *
     * @param root the folder holding one sub-folder per class
     * @throws DatasetException if it has no class folders, a class folder without images, or the first
     *             image cannot be read
     */
    public ImageFolderDataset(Path root) {
        this(root, null, null);
    }

    /**
     * Scans the test (or validation) folder of a training set: its classes must be exactly the training
     * set's, so that a label means the same class in both, and its images must have the training set's
     * size. Without this, a test folder that lacks one class would renumber the classes after it.
     *
     * @param testRoot the folder holding one sub-folder per class
     * @param train the training set the folder goes with
     * @return the dataset, labelled as {@code train} is
     * @throws DatasetException naming a class folder that is missing or extra, a class folder without
     *             images, or an image of another size than the training set's
     */
    public static ImageFolderDataset matching(Path testRoot, ImageFolderDataset train) {
        return new ImageFolderDataset(testRoot, train.classNames(), train.imageShape());
    }

    private ImageFolderDataset(Path root, List<String> expectedClasses, List<Integer> expectedShape) {
        this.name = root.getFileName() + " (image folders)";
        List<Path> classDirs = classFolders(root);
        classNames = classDirs.stream().map(d -> d.getFileName().toString()).toList();
        if (expectedClasses != null) {
            requireClasses(root, classNames, expectedClasses);
        }
        for (int c = 0; c < classDirs.size(); c++) {
            List<Path> images = images(classDirs.get(c));
            if (images.isEmpty()) {
                throw new DatasetException(classDirs.get(c), "the class folder holds no PNG or JPEG images");
            }
            for (Path file : images) {
                files.add(file);
                labels.add(c);
            }
        }
        BufferedImage first = decode(files.get(0));
        int channels = first.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
        List<Integer> shape = List.of(channels, first.getHeight(), first.getWidth());
        if (expectedShape != null && !shape.subList(1, 3).equals(expectedShape.subList(1, 3))) {
            throw new DatasetException(files.get(0), "is " + first.getWidth() + "×" + first.getHeight()
                    + ", the training set's images are " + expectedShape.get(2) + "×" + expectedShape.get(1));
        }
        // a test folder is read as its training set is (grey or colour), whatever its first image is
        imageShape = expectedShape != null ? expectedShape : shape;
    }

    /**
     * The classes of a folder, as a dataset read from it names and numbers them, without reading any image.
     *
     * @param root the folder holding one sub-folder per class
     * @return the class folders' names, in label order
     * @throws DatasetException if the folder is missing or has no class folders
     */
    public static List<String> classNames(Path root) {
        return classFolders(root).stream().map(d -> d.getFileName().toString()).toList();
    }

    private static List<Path> classFolders(Path root) {
        List<Path> classDirs;
        try (Stream<Path> children = Files.list(root)) {
            // hidden folders (.ipynb_checkpoints, .DS_Store-like tool folders) are not classes
            classDirs = children.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            throw new DatasetException(root, "the folder is missing");
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(root, "cannot be listed: " + e.getMessage());
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException(root, "has no class folders (expected one sub-folder of images per class)");
        }
        return classDirs;
    }

    private static void requireClasses(Path root, List<String> found, List<String> expected) {
        List<String> missing = expected.stream().filter(c -> !found.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new DatasetException(root, "has no folder for the training set's class" + (missing.size() > 1 ? "es " : " ")
                    + quoted(missing) + "; a test folder needs every class of the training set");
        }
        List<String> extra = found.stream().filter(c -> !expected.contains(c)).toList();
        if (!extra.isEmpty()) {
            throw new DatasetException(root, "has the class folder" + (extra.size() > 1 ? "s " : " ") + quoted(extra)
                    + ", which the training set does not have (its classes: " + quoted(expected) + ")");
        }
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    private static List<Path> images(Path classDir) {
        try (Stream<Path> images = Files.list(classDir)) {
            return images.filter(ImageFolderDataset::isImage).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(classDir, "cannot be listed: " + e.getMessage());
        }
    }

    private static boolean isImage(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg"));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<Integer> imageShape() {
        return imageShape;
    }

    @Override
    public int label(int index) {
        return labels.get(index);
    }

    /**
     * The file of a sample.
     *
     * @param index the sample
     * @return its image file
     */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public void pixels(int index, float[] target, int offset) {
        Path file = files.get(index);
        BufferedImage image = decode(file);
        int height = imageShape.get(1);
        int width = imageShape.get(2);
        if (image.getHeight() != height || image.getWidth() != width) {
            throw new DatasetException(file, "is " + image.getWidth() + "×" + image.getHeight() + ", the dataset's images are "
                    + width + "×" + height);
        }
        int plane = height * width;
        if (imageShape.get(0) == 1 && image.getColorModel().getNumColorComponents() == 1) {
            // the stored grey levels, as PIL and torchvision read them: getRGB would treat them as linear and
            // brighten them into sRGB (51 would read as 124)
            Raster raster = image.getRaster();
            float max = (1 << image.getColorModel().getComponentSize(0)) - 1;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    target[offset + y * width + x] = raster.getSample(x, y, 0) / max;
                }
            }
            return;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                int at = offset + y * width + x;
                if (imageShape.get(0) == 1) {
                    target[at] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                } else {
                    target[at] = r / 255f;
                    target[at + plane] = g / 255f;
                    target[at + 2 * plane] = b / 255f;
                }
            }
        }
    }

    private static BufferedImage decode(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new DatasetException(file, "is not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                // the header may claim any size: check it before the decoder allocates the pixels
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new DatasetException(file, "claims to be " + reader.getWidth(0) + "×" + reader.getHeight(0)
                            + " pixels, more than the " + MAX_PIXELS + " an image of a dataset may have");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be decoded: " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof DatasetException dataset) {
                throw dataset;
            }
            // the JDK's decoders answer some corrupt files with runtime exceptions instead of IIOException
            throw new DatasetException(file, "cannot be decoded (corrupt image): " + e);
        }
    }
}
