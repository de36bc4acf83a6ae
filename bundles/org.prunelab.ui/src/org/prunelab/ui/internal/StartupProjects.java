package org.prunelab.ui.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The project folders the workbench opens at start-up, given with the system property
 * {@value #PROPERTY} (separated by the path separator): {@code ./prunelab} passes its copy of the demo.
 */
public final class StartupProjects {

    /** The system property. */
    public static final String PROPERTY = "prunelab.openProjects";
    /** The folder the first project given was copied from (the repository's demo), if it is a copy. */
    public static final String COPY_OF_PROPERTY = "prunelab.copyOf";

    private StartupProjects() {
    }

    /**
     * The folders given.
     *
     * @return absolute, normalised paths; empty without the property
     */
    public static List<Path> folders() {
        String folders = System.getProperty(PROPERTY, "");
        return folders.isBlank() ? List.of()
                : Arrays.stream(folders.split(File.pathSeparator)).filter(f -> !f.isBlank())
                        .map(f -> Path.of(f.strip()).toAbsolutePath().normalize()).toList();
    }

    /**
     * The folder the first project given was copied from: models it has gained since are added to the copy
     * at start-up.
     *
     * @return the source, or empty if the first project is no copy
     */
    public static Optional<Path> copiedFrom() {
        String source = System.getProperty(COPY_OF_PROPERTY, "");
        return source.isBlank() ? Optional.empty() : Optional.of(Path.of(source.strip()).toAbsolutePath().normalize());
    }

    /**
     * Whether a folder is one the workbench was started on.
     *
     * @param folder a project's folder
     * @return true if it was given
     */
    public static boolean contains(Path folder) {
        return folders().contains(folder.toAbsolutePath().normalize());
    }
}
