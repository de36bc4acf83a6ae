package org.prunelab.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.prunelab.core.project.PruneLabProjects;

/**
 * Some versions of the demo project copied into a temporary workspace project, with the demo's dataset
 * replaced by the committed Fashion-MNIST subset (system properties {@code prunelab.demo} and
 * {@code prunelab.fashionSubset}): real weights and real images, and the repository is never written.
 *
 * @param folder the copy's folder
 * @param project the copy in the workspace
 */
record DemoCopy(Path folder, IProject project) implements AutoCloseable {

    /**
     * Copies versions of the demo's small VGG.
     *
     * @param name the workspace project's name
     * @param versions the versions to copy, e.g. "base", "v4"
     * @return the imported copy; close it to delete it
     * @throws IOException if the demo cannot be read
     * @throws CoreException if the project cannot be imported
     */
    static DemoCopy of(String name, List<String> versions) throws IOException, CoreException {
        Path demo = Path.of(System.getProperty("prunelab.demo"));
        Path subset = Path.of(System.getProperty("prunelab.fashionSubset")).toAbsolutePath();
        // the folder is named as the project, as a workspace's own projects are (no "(in …)" beside its name)
        Path folder = Files.createDirectories(Files.createTempDirectory(name).resolve(name));
        Files.writeString(folder.resolve(".project"), Files.readString(demo.resolve(".project"))
                .replace("<name>fashion-mnist</name>", "<name>" + name + "</name>"));
        Files.writeString(folder.resolve("prunelab.json"), Files.readString(demo.resolve("prunelab.json"))
                .replace("\"datasets/fashion-mnist\"", "\"" + subset + "\""));
        for (String version : versions) {
            Path target = Files.createDirectories(folder.resolve("models/small-vgg").resolve(version));
            try (Stream<Path> files = Files.list(demo.resolve("models/small-vgg").resolve(version))) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
        }
        return new DemoCopy(folder, PruneLabProjects.importFolder(ResourcesPlugin.getWorkspace(), folder, null));
    }

    @Override
    public void close() throws CoreException, IOException {
        project.delete(true, true, null);
        UiEvents.deleteFolder(folder.getParent());
    }
}
