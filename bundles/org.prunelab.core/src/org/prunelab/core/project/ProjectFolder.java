package org.prunelab.core.project;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * A PruneLab project as a plain folder, for the command line and for code outside a workspace: the
 * folder holds {@code prunelab.json} and an Eclipse {@code .project} with the PruneLab nature, so the
 * workbench can import it.
 */
public final class ProjectFolder {

    private final Path dir;

    private ProjectFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates a project folder (the folder may exist, but not hold a project yet).
     *
     * @param dir the folder
     * @param name the project's name
     * @param description what it explores
     * @return the project
     * @throws IOException if the files cannot be written
     * @throws FileAlreadyExistsException if the folder holds a project already
     */
    public static ProjectFolder create(Path dir, String name, String description) throws IOException {
        Files.createDirectories(dir);
        return ProjectLock.under(dir, () -> {
            Path file = dir.resolve(ProjectDescriptor.FILE_NAME);
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString(), null, "a PruneLab project exists there already");
            }
            ProjectFolder folder = new ProjectFolder(dir);
            ProjectFiles.writeAtomically(dir.resolve(".project"), projectDescription(name, description));
            folder.save(ProjectDescriptor.newProject(name, description, Instant.now()));
            return folder;
        });
    }

    private static String projectDescription(String name, String description) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <projectDescription>
                	<name>%s</name>
                	<comment>%s</comment>
                	<projects>
                	</projects>
                	<buildSpec>
                	</buildSpec>
                	<natures>
                		<nature>%s</nature>
                	</natures>
                </projectDescription>
                """.formatted(xml(name), xml(description), PruneLabNature.ID);
    }

    /**
     * Opens an existing project folder.
     *
     * @param dir the folder
     * @return the project
     * @throws IOException naming prunelab.json if it is missing or invalid
     */
    public static ProjectFolder open(Path dir) throws IOException {
        ProjectFolder folder = new ProjectFolder(dir);
        folder.descriptor();
        return folder;
    }

    /**
     * The folder.
     *
     * @return its path
     */
    public Path dir() {
        return dir;
    }

    /**
     * Reads the descriptor.
     *
     * @return the project's descriptor
     * @throws IOException naming the file if it is missing or invalid
     */
    public ProjectDescriptor descriptor() throws IOException {
        Path file = dir.resolve(ProjectDescriptor.FILE_NAME);
        try (Reader reader = new StringReader(ProjectFiles.readText(file))) {
            return ProjectDescriptorFile.read(reader);
        } catch (NoSuchFileException e) {
            throw new IOException(dir + " is not a PruneLab project (no " + ProjectDescriptor.FILE_NAME + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The project's dataset, which scoring, fine-tuning and every analysis need.
     *
     * @return its dataset
     * @throws IOException naming the file if the descriptor is missing or invalid
     * @throws IllegalArgumentException saying how to add one if the project has none
     */
    public DatasetSpec dataset() throws IOException {
        DatasetSpec spec = descriptor().dataset();
        if (spec == null) {
            throw new IllegalArgumentException("The project " + dir.getFileName() + " has no dataset: scoring filters,"
                    + " fine-tuning and analyses need its images. Add one with 'prunelab cli dataset " + dir
                    + " <kind> --location <folder>'.");
        }
        return spec;
    }

    /**
     * Changes the descriptor: reads it, applies the change and writes it back under the project's
     * {@link ProjectLock}, so that concurrent changes (two trainings, a dataset change during a training,
     * another process) all take effect and none is lost.
     *
     * @param change what to do to the descriptor as it is on disk now
     * @return the descriptor written
     * @throws IOException naming the file if it cannot be read or written; it is unchanged then
     * @throws IllegalArgumentException if the change refuses the current descriptor
     */
    public ProjectDescriptor update(UnaryOperator<ProjectDescriptor> change) throws IOException {
        return ProjectLock.under(dir, () -> {
            ProjectDescriptor changed = change.apply(descriptor());
            save(changed);
            return changed;
        });
    }

    /** Writes the descriptor atomically and durably; callers hold the lock. */
    private void save(ProjectDescriptor descriptor) throws IOException {
        StringWriter text = new StringWriter();
        ProjectDescriptorFile.write(descriptor, text);
        ProjectFiles.writeAtomically(dir.resolve(ProjectDescriptor.FILE_NAME), text.toString());
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
