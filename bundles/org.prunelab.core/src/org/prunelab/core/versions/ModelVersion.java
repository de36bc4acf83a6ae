package org.prunelab.core.versions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One version of a model in a project.
 *
 * @param model the root model's id
 * @param id the version's id, unique within its model ("base", "v1", ...)
 * @param directory where its files are
 * @param recipe how it was made
 * @param evaluation what it achieves and costs
 */
public record ModelVersion(String model, String id, Path directory, Recipe recipe, Evaluation evaluation) {

    /**
     * The parent's id.
     *
     * @return the parent version's id, or null for a root
     */
    public String parent() {
        return recipe.parent();
    }

    /**
     * The project the version belongs to: its folder holds {@code models/<model>/<id>/}.
     *
     * @return the project's folder
     */
    public Path projectDirectory() {
        return directory.toAbsolutePath().normalize().getParent().getParent().getParent();
    }

    /**
     * A version is identified by its model, id and folder: the same version read twice is equal, whatever
     * its (array-holding) evaluation.
     *
     * @param other another object
     * @return whether it is the same version
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ModelVersion v && v.model.equals(model) && v.id.equals(id)
                && v.directory.toAbsolutePath().normalize().equals(directory.toAbsolutePath().normalize());
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, id, directory.toAbsolutePath().normalize());
    }
}
