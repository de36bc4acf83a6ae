package org.prunelab.core.tests.concurrency;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.prunelab.core.project.ProjectFolder;
import org.prunelab.runtime.model.ModelFiles;

import com.google.gson.Gson;

/**
 * Starts {@link ProjectWriter} in a second, real JVM: its class path is the folders and jars the test
 * runtime loaded the core bundle, this fragment, the runtime bundle (with its embedded jars) and Gson from.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Starts a writer.
     *
     * @param log where its standard output and error go
     * @param args the writer and its arguments
     * @return the running process
     * @throws IOException if it cannot be started
     */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-cp");
        command.add(classPath());
        command.add(ProjectWriter.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String classPath() throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(ProjectWriter.class, ProjectFolder.class, ModelFiles.class, Gson.class)) {
            Path location = location(type);
            entries.add(location.toString());
            // a folder-shaped bundle's classes may sit in its build output, its embedded jars in lib/
            for (String inner : List.of("bin", "target/classes")) {
                if (Files.isDirectory(location.resolve(inner))) {
                    entries.add(location.resolve(inner).toString());
                }
            }
            if (Files.isDirectory(location.resolve("lib"))) {
                try (Stream<Path> jars = Files.list(location.resolve("lib"))) {
                    jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).sorted().forEach(entries::add);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
        }
    }
}
