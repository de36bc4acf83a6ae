package org.prunelab.runtime.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * A folder with one sub-folder of PNG or JPEG images per class (classes in alphabetical order). Images
 * are decoded when asked for, so memory does not grow with the folder; all must have the size of the
 * first, and are read as grey or RGB as the first is.
 */
public final class ImageFolderDataset implements Dataset {

    private final String name;
    private final List<String> classNames;
    private final List<Path> files = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final List<Integer> imageShape;

    /**
     * Scans a folder.
     *
     * @param root the folder holding one sub-folder per class
     * @throws DatasetException if it has no class folders, no images, or the first image cannot be read
     */
    public ImageFolderDataset(Path root) {
        this.name = root.getFileName() + " (image folders)";
        List<Path> classDirs;
        try (Stream<Path> children = Files.list(root)) {
            classDirs = children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException(root, "cannot be listed: " + e.getMessage());
        }
        if (classDirs.isEmpty()) {
            throw new DatasetException(root, "has no class folders (expected one sub-folder of images per class)");
        }
        classNames = classDirs.stream().map(d -> d.getFileName().toString()).toList();
        for (int c = 0; c < classDirs.size(); c++) {
            try (Stream<Path> images = Files.list(classDirs.get(c))) {
                for (Path file : images.filter(ImageFolderDataset::isImage).sorted().toList()) {
                    files.add(file);
                    labels.add(c);
                }
            } catch (IOException e) {
                throw new DatasetException(classDirs.get(c), "cannot be listed: " + e.getMessage());
            }
        }
        if (files.isEmpty()) {
            throw new DatasetException(root, "has no PNG or JPEG images in its class folders");
        }
        BufferedImage first = decode(files.get(0));
        int channels = first.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
        imageShape = List.of(channels, first.getHeight(), first.getWidth());
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
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DatasetException(file, "is not a readable PNG or JPEG image");
            }
            return image;
        } catch (IOException e) {
            throw new DatasetException(file, "cannot be decoded: " + e.getMessage());
        }
    }
}
