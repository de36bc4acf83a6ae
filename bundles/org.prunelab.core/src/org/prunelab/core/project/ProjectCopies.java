package org.prunelab.core.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.prunelab.core.versions.VersionStore;

/**
 * A project copied from another, as {@code ./prunelab} copies the repository's demo into the workspace on
 * first start: the models the source gained since (a new model of the demo) are added to the copy, while
 * what the copy holds (versions pruned in the workbench, a model of the same name) is never touched.
 */
public final class ProjectCopies {

    private ProjectCopies() {
    }

    /**
     * Adds to a copy the models of its source it lacks, whole, and lists them in its descriptor.
     *
     * @param source the project copied
     * @param copy the copy
     * @return the models added, in the source's order
     * @throws IOException naming the file if a model cannot be copied or a descriptor read or written; a
     *             model half copied is removed
     */
    public static List<String> addMissingModels(Path source, Path copy) throws IOException {
        List<String> wanted = ProjectFolder.open(source).descriptor().models();
        ProjectFolder target = ProjectFolder.open(copy);
        return ProjectLock.under(copy, () -> {
            List<String> added = new ArrayList<>();
            List<String> present = target.descriptor().models();
            for (String model : wanted) {
                Path from = source.resolve(VersionStore.MODELS).resolve(model);
                Path to = copy.resolve(VersionStore.MODELS).resolve(model);
                // a folder of that name is the copy's own, listed or not
                if (present.contains(model) || Files.exists(to) || !Files.isDirectory(from)) {
                    continue;
                }
                Path partial = to.resolveSibling("." + model + ".partial");
                ProjectFiles.deleteTree(partial);
                try {
                    ProjectFiles.copyTree(from, partial);
                    Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    ProjectFiles.deleteTree(partial);
                    throw e;
                }
                target.update(d -> d.withModel(model));
                added.add(model);
            }
            return added;
        });
    }
}
