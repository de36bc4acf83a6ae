package org.prunelab.core.project;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The content of a project's {@code prunelab.json}: what the project is about, its dataset and its root
 * models.
 *
 * @param format version of the file format; this PruneLab writes and reads {@link #FORMAT}
 * @param name the project's display name
 * @param description free text: the question the project explores
 * @param created when the project was created
 * @param dataset the project's dataset, or null before one is added
 * @param models ids of the root models of the project, in the order they were added
 */
public record ProjectDescriptor(int format, String name, String description, Instant created, DatasetSpec dataset,
        List<String> models) {

    /** The file format this version of PruneLab writes. */
    public static final int FORMAT = 1;

    /** Name of the file, at the project's root. */
    public static final String FILE_NAME = "prunelab.json";

    /**
     * Canonical constructor.
     *
     * @throws IllegalArgumentException if the name is blank or the format unknown
     */
    public ProjectDescriptor {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not supported: this PruneLab reads format "
                    + FORMAT + (format > FORMAT ? " (the file was written by a newer PruneLab)" : ""));
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the project name is missing");
        }
        description = Objects.requireNonNullElse(description, "");
        Objects.requireNonNull(created, "created");
        models = List.copyOf(Objects.requireNonNullElse(models, List.of()));
    }

    /**
     * Describes a new, empty project.
     *
     * @param name the display name
     * @param description what the project explores; may be empty
     * @param created the creation time
     * @return a descriptor without dataset or models
     */
    public static ProjectDescriptor newProject(String name, String description, Instant created) {
        return new ProjectDescriptor(FORMAT, name, description, created, null, List.of());
    }

    /**
     * This project with a dataset.
     *
     * @param spec the dataset
     * @return a new descriptor
     */
    public ProjectDescriptor withDataset(DatasetSpec spec) {
        return new ProjectDescriptor(format, name, description, created, spec, models);
    }

    /**
     * This project with another description.
     *
     * @param text what the project studies
     * @return a new descriptor
     */
    public ProjectDescriptor withDescription(String text) {
        return new ProjectDescriptor(format, name, text, created, dataset, models);
    }

    /**
     * This project with one more root model.
     *
     * @param modelId the new model's id
     * @return a new descriptor
     * @throws IllegalArgumentException if the project has a model of that id
     */
    public ProjectDescriptor withModel(String modelId) {
        if (models.contains(modelId)) {
            throw new IllegalArgumentException("the project has a model '" + modelId + "' already");
        }
        List<String> more = new ArrayList<>(models);
        more.add(modelId);
        return new ProjectDescriptor(format, name, description, created, dataset, more);
    }
}
