package org.prunelab.core.versions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.prunelab.core.project.ProjectFiles;
import org.prunelab.runtime.training.EpochRecord;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The training a version went through when it was made: one record per epoch of its own training (the
 * whole schedule for a trained root, the fine-tuning epochs for a pruned or fine-tuned child, nothing
 * for a version that was only pruned or imported). Stored with the version as {@value #FILE}.
 * <p>
 * The validation figures are measured after every epoch, in inference mode, on
 * {@link PruningService#VALIDATION_SAMPLES} samples spread over the training set, the same samples the
 * sensitivity curves and accuracy goals use: they show how the network fits in inference mode (batch
 * statistics frozen, no augmentation) as training goes, not how it generalises; the test accuracy of the
 * evaluation does that.
 *
 * @param epochs the epochs, in order
 * @param validationSamples how many samples the validation figures were measured on, 0 without any
 */
public record TrainingHistory(List<EpochRecord> epochs, int validationSamples) {

    /** The file of a version's history. */
    public static final String FILE = "history.json";

    /** The version of the file's layout. */
    public static final int FORMAT = 1;

    /** Copies the list and checks the count. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
        if (validationSamples < 0) {
            throw new IllegalArgumentException("validation samples cannot be negative: " + validationSamples);
        }
    }

    /**
     * The history as JSON. Values that were not measured (NaN, e.g. validation figures of a training
     * without validation set) or are not finite (a diverged loss) are written as {@code null}, so the file
     * stays standard JSON; they read back as NaN.
     *
     * @return the text, ending with a line break
     */
    public String toJson() {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("validationSamples", validationSamples);
        JsonArray list = new JsonArray();
        for (EpochRecord e : epochs) {
            JsonObject epoch = new JsonObject();
            epoch.addProperty("epoch", e.epoch());
            number(epoch, "trainLoss", e.trainLoss());
            number(epoch, "trainAccuracy", e.trainAccuracy());
            number(epoch, "validationLoss", e.validationLoss());
            number(epoch, "validationAccuracy", e.validationAccuracy());
            number(epoch, "seconds", e.seconds());
            list.add(epoch);
        }
        root.add("epochs", list);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
    }

    /**
     * Reads a history from JSON written by {@link #toJson()}.
     *
     * @param text the JSON
     * @return the history
     * @throws IllegalArgumentException saying what is wrong if the text is not such a history
     */
    public static TrainingHistory fromJson(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("a training history is a JSON object");
            }
            JsonObject root = parsed.getAsJsonObject();
            int format = root.has("format") ? root.get("format").getAsInt() : -1;
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown training history format " + root.get("format")
                        + " (this PruneLab reads format " + FORMAT + ")");
            }
            if (!root.has("epochs") || !root.get("epochs").isJsonArray()) {
                throw new IllegalArgumentException("the training history has no list of epochs");
            }
            List<EpochRecord> epochs = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray("epochs")) {
                JsonObject e = element.getAsJsonObject();
                if (!e.has("epoch")) {
                    throw new IllegalArgumentException("epoch " + (epochs.size() + 1) + " has no number");
                }
                epochs.add(new EpochRecord(e.get("epoch").getAsInt(), number(e, "trainLoss"), number(e, "trainAccuracy"),
                        number(e, "validationLoss"), number(e, "validationAccuracy"), number(e, "seconds")));
            }
            return new TrainingHistory(epochs,
                    root.has("validationSamples") ? root.get("validationSamples").getAsInt() : 0);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("not a training history: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the history stored in a version's folder. Versions made before histories were stored, and
     * versions made without training, have none.
     *
     * @param versionDir the version's folder
     * @return the history, or empty if the folder has no {@value #FILE}
     * @throws IOException naming the file if it cannot be read or is not a history
     */
    public static Optional<TrainingHistory> read(Path versionDir) throws IOException {
        Path file = versionDir.resolve(FILE);
        String text;
        try {
            text = ProjectFiles.readText(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the history into a folder (the temporary folder of a version being written).
     *
     * @param dir the folder
     * @throws IOException if the file cannot be written
     */
    void write(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), toJson(), StandardCharsets.UTF_8);
    }

    /**
     * The epoch numbers, for plotting.
     *
     * @return 1, 2, ... as stored
     */
    public double[] epochNumbers() {
        return epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
    }

    /**
     * Training accuracy per epoch (over the epoch's batches, in training mode).
     *
     * @return fractions, one per epoch
     */
    public double[] trainAccuracy() {
        return epochs.stream().mapToDouble(EpochRecord::trainAccuracy).toArray();
    }

    /**
     * Validation accuracy per epoch.
     *
     * @return fractions, one per epoch, NaN where none was measured
     */
    public double[] validationAccuracy() {
        return epochs.stream().mapToDouble(EpochRecord::validationAccuracy).toArray();
    }

    /**
     * Whether validation figures were measured.
     *
     * @return true if at least one epoch has a validation accuracy
     */
    public boolean hasValidation() {
        return epochs.stream().anyMatch(e -> !Double.isNaN(e.validationAccuracy()));
    }

    private static void number(JsonObject target, String name, double value) {
        if (Double.isFinite(value)) {
            target.addProperty(name, value);
        } else {
            target.add(name, null);
        }
    }

    private static double number(JsonObject source, String name) {
        JsonElement value = source.get(name);
        return value == null || value.isJsonNull() ? Double.NaN : value.getAsDouble();
    }
}
