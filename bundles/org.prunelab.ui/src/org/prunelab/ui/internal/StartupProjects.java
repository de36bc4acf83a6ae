package org.prunelab.ui.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The project folders the workbench opens at start-up, given with the system property
 * {@value #PROPERTY} (separated by the path separator): {@code ./prunelab} passes its copy of the demo.
 */
public final class StartupProjects {

    /** The system property. */
    public static final String PROPERTY = "prunelab.openProjects";

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
     * Whether a folder is one the workbench was started on.
     *
     * @param folder a project's folder
     * @return true if it was given
     */
    public static boolean contains(Path folder) {
        return folders().contains(folder.toAbsolutePath().normalize());
    }
}
