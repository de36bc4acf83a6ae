package org.prunelab.core.versions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.project.ProjectLock;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The pruning plans a project keeps, per model ({@value #FOLDER}/MODEL/NAME.json): the shares of each
 * layer to remove set in the Plan view, to reopen and compare later. Written atomically under the
 * project's lock, like every change of a project's files.
 */
public final class SavedPlans {

    /** The project's folder of plans. */
    public static final String FOLDER = "plans";

    /** What a plan's name may be: it names a file. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}");

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /**
     * A saved plan.
     *
     * @param name its name
     * @param version the version it was made for
     * @param metric the metric ranking the channels
     * @param shares layer (channel group) id to the share of its channels removed
     */
    public record Plan(String name, String version, String metric, Map<String, Double> shares) {

        /** Checks the name and copies the shares. */
        public Plan {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("a plan's name is 1 to 64 letters, digits, spaces, '.', '_' or "
                        + "'-', starting with a letter or digit; not '" + name + "'");
            }
            shares = shares == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(shares));
        }
    }

    private SavedPlans() {
    }

    /**
     * Saves a plan, replacing one of the same name.
     *
     * @param projectDir the project
     * @param model the model's id
     * @param plan the plan
     * @return the file written
     * @throws IOException if it cannot be written
     */
    public static Path save(Path projectDir, String model, Plan plan) throws IOException {
        Path file = projectDir.resolve(FOLDER).resolve(model).resolve(plan.name() + ".json");
        return ProjectLock.under(projectDir, () -> {
            Files.createDirectories(file.getParent());
            ProjectFiles.writeAtomically(file, GSON.toJson(plan) + "\n");
            return file;
        });
    }

    /**
     * The plans saved for a model, by name.
     *
     * @param projectDir the project
     * @param model the model's id
     * @return the plans; a file that does not read as a plan is skipped and logged with its name
     * @throws IOException if the folder cannot be listed or a file cannot be read
     */
    public static List<Plan> list(Path projectDir, String model) throws IOException {
        Path dir = projectDir.resolve(FOLDER).resolve(model);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> all = Files.list(dir)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Plan> plans = new ArrayList<>();
        for (Path file : files) {
            try {
                Plan plan = GSON.fromJson(ProjectFiles.readText(file), Plan.class);
                if (plan == null) {
                    throw new JsonParseException("the file is empty");
                }
                plans.add(plan);
            } catch (RuntimeException e) {
                // one damaged file does not hide the others
                ILog.of(SavedPlans.class).log(Status.warning(file + " is not a saved plan and is skipped: "
                        + e.getMessage()));
            }
        }
        return plans;
    }
}
