package org.prunelab.core.versions;

import java.nio.file.Path;

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
}
