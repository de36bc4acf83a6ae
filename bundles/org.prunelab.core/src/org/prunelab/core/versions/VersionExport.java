package org.prunelab.core.versions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.onnx.OnnxExport;

import ai.djl.ndarray.NDManager;

/**
 * Copies a version's folder (network, weights, recipe, evaluation and whatever else it holds: name,
 * training history, sensitivity) out of the project, as a folder or a zip file, for a colleague or a
 * deployment. Everything is written under a temporary name first and renamed when complete, so a failed or
 * cancelled export leaves nothing.
 */
public final class VersionExport {

    private VersionExport() {
    }

    /**
     * The name an export of a version gets.
     *
     * @param version the version
     * @return "model-id"
     */
    public static String name(ModelVersion version) {
        return version.model() + "-" + version.id();
    }

    /**
     * Copies a version's folder into a directory, as {@code <directory>/<model>-<id>/}.
     *
     * @param version the version
     * @param directory an existing directory
     * @param monitor progress and cancellation
     * @return the new folder
     * @throws IOException if copying fails
     * @throws FileAlreadyExistsException if the folder exists
     */
    public static Path toFolder(ModelVersion version, Path directory, IProgressMonitor monitor) throws IOException {
        Path target = directory.resolve(name(version));
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists already; choose another directory");
        }
        List<Path> files = files(version);
        SubMonitor sub = SubMonitor.convert(monitor, "Copying " + name(version), files.size());
        Path temporary = directory.resolve("." + name(version) + "-" + System.nanoTime());
        try {
            for (Path file : files) {
                sub.split(1);
                Path copy = temporary.resolve(version.directory().relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } finally {
            ProjectFiles.deleteTree(temporary);
        }
    }

    /**
     * Writes a version's folder into a zip file whose entries are under {@code <model>-<id>/}.
     *
     * @param version the version
     * @param zip the zip file; replaced if it exists
     * @param monitor progress and cancellation
     * @return the zip file
     * @throws IOException if writing fails; an existing file is kept then
     */
    public static Path toZip(ModelVersion version, Path zip, IProgressMonitor monitor) throws IOException {
        List<Path> files = files(version);
        SubMonitor sub = SubMonitor.convert(monitor, "Zipping " + name(version), files.size());
        Path parent = zip.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, "." + zip.getFileName(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary); ZipOutputStream entries = new ZipOutputStream(out)) {
                for (Path file : files) {
                    sub.split(1);
                    String entry = name(version) + "/" + version.directory().relativize(file).toString().replace('\\', '/');
                    entries.putNextEntry(new ZipEntry(entry));
                    Files.copy(file, entries);
                    entries.closeEntry();
                }
            }
            Files.move(temporary, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return zip;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static List<Path> files(ModelVersion version) throws IOException {
        try (Stream<Path> all = Files.walk(version.directory())) {
            return all.filter(Files::isRegularFile)
                    // a display name being written at this moment is not part of the version yet
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }


    /**
     * Writes a version as an ONNX model (opset {@value OnnxExport#OPSET}), for ONNX Runtime and the tools
     * that read ONNX.
     *
     * @param version the version
     * @param file the .onnx file; replaced if it exists
     * @param runtime the model runtime, to read the weights
     * @param monitor progress and cancellation
     * @return the file
     * @throws IOException if the version cannot be read or the file cannot be written
     */
    public static Path toOnnx(ModelVersion version, Path file, ModelRuntime runtime, IProgressMonitor monitor)
            throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Exporting " + version.model() + "/" + version.id() + " as ONNX",
                2);
        try (NDManager manager = runtime.newManager(); NetworkModel model = ModelFiles.load(version.directory(), manager)) {
            sub.split(1);
            OnnxExport.write(model, file);
            sub.split(1);
        }
        return file;
    }
}
