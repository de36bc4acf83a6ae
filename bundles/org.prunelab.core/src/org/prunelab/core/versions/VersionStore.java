package org.prunelab.core.versions;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.project.ProjectLock;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.JsonSyntaxException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import ai.djl.ndarray.NDManager;

/**
 * The versions of a project's models, under {@code models/<model>/<version>/} of the project folder.
 * <p>
 * A version is written completely into a hidden temporary folder and then renamed into place, so a
 * crash or a cancelled job leaves the last good state: temporary folders are never listed, and removed
 * when the store opens.
 */
public final class VersionStore {

    /** The folder of the models inside a project. */
    public static final String MODELS = "models";
    /** The recipe file of a version. */
    public static final String RECIPE_FILE = "recipe.json";
    /** The evaluation file of a version. */
    public static final String EVALUATION_FILE = "evaluation.json";
    /** The file holding a version's display name, if it was given one. */
    public static final String LABEL_FILE = "label.txt";
    /** The longest display name. */
    public static final int MAX_LABEL_LENGTH = 80;

    private static final String TEMPORARY = ".writing-";
    /** Versions being deleted are moved into a folder of this prefix first. */
    private static final String DELETING = ".deleting-";
    /** The subject of a scratch folder whose version takes the next free id. */
    private static final String NEXT_ID = "next";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (v, t, c) -> new JsonPrimitive(v.toString()))
            .registerTypeAdapter(Instant.class, (JsonDeserializer<Instant>) (json, t, c) -> {
                try {
                    return Instant.parse(json.getAsString());
                } catch (DateTimeParseException e) {
                    throw new JsonParseException("not an ISO-8601 instant: " + json);
                }
            }).create();

    private final Path projectDir;

    /**
     * Opens the store of a project folder, removing what interrupted writes of ended processes left.
     *
     * @param projectDir the project's folder
     * @throws IOException if the leftovers cannot be removed
     */
    public VersionStore(Path projectDir) throws IOException {
        this.projectDir = projectDir;
        Path models = projectDir.resolve(MODELS);
        if (Files.isDirectory(models)) {
            try (Stream<Path> all = Files.walk(models, 2)) {
                for (Path leftover : all.filter(p -> isLeftover(p.getFileName().toString())).toList()) {
                    ProjectFiles.deleteTree(leftover);
                }
            }
        }
    }

    /**
     * The project folder.
     *
     * @return where the store lives
     */
    public Path projectDir() {
        return projectDir;
    }

    /**
     * Writes a new version atomically.
     *
     * @param modelId the root model's id
     * @param versionId the new version's id, or null for the model's next free id (v1, v2, ...), chosen when
     *            the version is published so that concurrent writers never pick the same one
     * @param model the network and weights
     * @param recipe how it was made
     * @param evaluation what it achieves (its {@code bytes} is filled in here)
     * @return the written version
     * @throws IOException if writing fails; nothing is left behind then
     * @throws FileAlreadyExistsException if the version exists or is being written
     */
    public ModelVersion write(String modelId, String versionId, NetworkModel model, Recipe recipe, Evaluation evaluation)
            throws IOException {
        return write(modelId, versionId, model, recipe, evaluation, null);
    }

    /**
     * Writes a new version atomically, with the training it went through.
     *
     * @param modelId the root model's id
     * @param versionId the new version's id, or null for the model's next free id
     * @param model the network and weights
     * @param recipe how it was made
     * @param evaluation what it achieves (its {@code bytes} is filled in here)
     * @param history the epochs of its own training ({@value TrainingHistory#FILE}), or null if it was not
     *            trained
     * @return the written version
     * @throws IOException if writing fails; nothing is left behind then
     * @throws FileAlreadyExistsException if the version exists or is being written
     */
    public ModelVersion write(String modelId, String versionId, NetworkModel model, Recipe recipe, Evaluation evaluation,
            TrainingHistory history) throws IOException {
        try (Draft draft = reserve(modelId, versionId)) {
            return write(draft, model, recipe, evaluation, history);
        }
    }

    /**
     * Reserves a version before the work that makes it starts, so that a training refuses an id that is
     * taken at once rather than after hours, and two writers of the same id cannot both start: the
     * reservation is a scratch folder named after this process, seen by every other writer until it is
     * published or closed, and removed as a leftover once this process has ended.
     *
     * @param modelId the root model's id
     * @param versionId the version's id, or null for the model's next free id, chosen when it is published
     * @return the reservation; close it (after {@link #write(Draft, NetworkModel, Recipe, Evaluation,
     *         TrainingHistory)}, or instead of it) to release it
     * @throws IOException if the scratch folder cannot be made
     * @throws FileAlreadyExistsException if the version exists or another writer has reserved it
     */
    public Draft reserve(String modelId, String versionId) throws IOException {
        checkId(modelId);
        if (versionId != null) {
            checkId(versionId);
        }
        Path modelDir = projectDir.resolve(MODELS).resolve(modelId);
        return ProjectLock.under(projectDir, () -> {
            Files.createDirectories(modelDir);
            if (versionId != null) {
                Path target = modelDir.resolve(versionId);
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString(), null,
                            "model " + modelId + " has a version '" + versionId + "' already");
                }
                Optional<Long> writer = liveWriter(modelDir, versionId);
                if (writer.isPresent()) {
                    throw new FileAlreadyExistsException(target.toString(), null, "version '" + versionId
                            + "' of model " + modelId + " is being written by process " + writer.get());
                }
            }
            Path scratch = Files.createDirectory(modelDir.resolve(scratchName(TEMPORARY,
                    versionId == null ? NEXT_ID : versionId)));
            return new Draft(modelId, versionId, scratch);
        });
    }

    /**
     * Writes a reserved version: its files go into the reservation's folder and are forced to disk, then,
     * under the project's lock, the folder is renamed into place (a root version's model is listed in the
     * project's descriptor in the same step, so the two never disagree).
     *
     * @param draft the reservation, from {@link #reserve}
     * @param model the network and weights
     * @param recipe how it was made
     * @param evaluation what it achieves (its {@code bytes} is filled in here)
     * @param history the epochs of its own training, or null if it was not trained
     * @return the written version
     * @throws IOException if writing fails; the reservation is still to be closed then
     * @throws IllegalStateException if the draft was written or closed already
     */
    public ModelVersion write(Draft draft, NetworkModel model, Recipe recipe, Evaluation evaluation,
            TrainingHistory history) throws IOException {
        draft.checkOpen();
        ModelFiles.save(model, draft.folder);
        return publish(draft, recipe, evaluation, history);
    }

    /**
     * Publishes a reserved version whose network and weights are in its folder already (saved there with
     * {@link ModelFiles#save}, or copied from a version of another project): the recipe, evaluation and
     * history are added, everything is forced to disk, and the folder is renamed into place under the
     * project's lock (a root version's model is listed in the project's descriptor in the same step, so the
     * two never disagree).
     *
     * @param draft the reservation, from {@link #reserve}, its {@link Draft#folder() folder} holding the
     *            network and weights
     * @param recipe how it was made
     * @param evaluation what it achieves (its {@code bytes} is filled in here)
     * @param history the epochs of its own training, or null if it was not trained
     * @return the written version
     * @throws IOException if writing fails; the reservation is still to be closed then
     * @throws IllegalStateException if the draft was written or closed already
     */
    public ModelVersion publish(Draft draft, Recipe recipe, Evaluation evaluation, TrainingHistory history)
            throws IOException {
        draft.checkOpen();
        Path temporary = draft.folder;
        long bytes = ModelFiles.bytesOnDisk(temporary);
        Evaluation sized = new Evaluation(evaluation.accuracy(), evaluation.loss(), evaluation.perClassAccuracy(),
                evaluation.confusion(), evaluation.parameters(), evaluation.flops(), evaluation.latencyMillis1(),
                evaluation.latencyMillis64(), evaluation.threads(), bytes);
        Files.writeString(temporary.resolve(RECIPE_FILE), GSON.toJson(recipe) + "\n", StandardCharsets.UTF_8);
        Files.writeString(temporary.resolve(EVALUATION_FILE), GSON.toJson(sized) + "\n", StandardCharsets.UTF_8);
        if (history != null) {
            history.write(temporary);
        }
        // durable before visible: a crash after the rename must not leave a version with empty files
        ProjectFiles.forceTree(temporary);
        Path modelDir = temporary.getParent();
        return ProjectLock.under(projectDir, () -> {
            if (recipe.parent() != null && !Files.isDirectory(modelDir.resolve(recipe.parent()))) {
                throw new NoSuchFileException(modelDir.resolve(recipe.parent()).toString(), null, "version '"
                        + recipe.parent() + "' of model " + draft.modelId + " was deleted while its child was made");
            }
            String id = draft.versionId != null ? draft.versionId : nextVersionId(draft.modelId);
            Path target = modelDir.resolve(id);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
            draft.done = true;
            ProjectFiles.forceDirectory(modelDir);
            if (recipe.parent() == null) {
                listModel(draft.modelId);
            }
            return new ModelVersion(draft.modelId, id, target, recipe, sized);
        });
    }

    /** Lists a root's model in the project's descriptor if it is not yet; bare stores (no descriptor) have none. */
    private void listModel(String modelId) throws IOException {
        if (Files.isRegularFile(projectDir.resolve(ProjectDescriptor.FILE_NAME))) {
            ProjectFolder folder = ProjectFolder.open(projectDir);
            if (!folder.descriptor().models().contains(modelId)) {
                folder.update(d -> d.models().contains(modelId) ? d : d.withModel(modelId));
            }
        }
    }

    /** The process writing a version of this id, if a live one is. */
    private static Optional<Long> liveWriter(Path modelDir, String versionId) throws IOException {
        String prefix = TEMPORARY + versionId + "-";
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelDir, prefix + "*")) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                Optional<Long> pid = writerOf(name);
                if (name.substring(prefix.length()).chars().filter(c -> c == '-').count() == 1 && pid.isPresent()
                        && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
                    return pid;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A reserved version, not yet written: the scratch folder its files go into.
     */
    public static final class Draft implements AutoCloseable {
        private final String modelId;
        private final String versionId;
        private final Path folder;
        private boolean done;

        private Draft(String modelId, String versionId, Path folder) {
            this.modelId = modelId;
            this.versionId = versionId;
            this.folder = folder;
        }

        /**
         * The model the version belongs to.
         *
         * @return the root model's id
         */
        public String modelId() {
            return modelId;
        }

        /**
         * The scratch folder the version's files are written into before it is published.
         *
         * @return the folder
         */
        public Path folder() {
            return folder;
        }

        private void checkOpen() {
            if (done) {
                throw new IllegalStateException("version draft " + folder + " was written or closed already");
            }
        }

        /** Drops the reservation and what was written of it, unless it was published. */
        @Override
        public void close() throws IOException {
            if (!done) {
                done = true;
                if (Files.exists(folder)) {
                    ProjectFiles.deleteTree(folder);
                }
                // a new model whose training was cancelled or failed leaves no empty folder behind
                Path modelDir = folder.getParent();
                ProjectLock.under(modelDir.getParent().getParent(), () -> {
                    try (Stream<Path> left = Files.list(modelDir)) {
                        if (left.findAny().isEmpty()) {
                            Files.delete(modelDir);
                        }
                    }
                    return null;
                });
            }
        }
    }

    /**
     * Every readable version of a model, roots first, then by creation time. Damaged versions are left out
     * here and listed by {@link #damaged}.
     *
     * @param modelId the root model's id
     * @return the versions; empty if the model has none
     * @throws IOException if the model's folder cannot be listed
     */
    public List<ModelVersion> versions(String modelId) throws IOException {
        List<ModelVersion> versions = new ArrayList<>();
        scan(modelId, versions, new ArrayList<>());
        versions.sort(Comparator.comparing((ModelVersion v) -> v.parent() != null)
                .thenComparing(v -> v.recipe().created()).thenComparing(ModelVersion::id));
        return versions;
    }

    /**
     * The version folders of a model that cannot be read, each with its reason.
     *
     * @param modelId the root model's id
     * @return the damaged versions, by id; empty if there are none
     * @throws IOException if the model's folder cannot be listed
     */
    public List<DamagedVersion> damaged(String modelId) throws IOException {
        List<DamagedVersion> damaged = new ArrayList<>();
        scan(modelId, new ArrayList<>(), damaged);
        damaged.sort(Comparator.comparing(DamagedVersion::id));
        return damaged;
    }

    private void scan(String modelId, List<ModelVersion> readable, List<DamagedVersion> damaged) throws IOException {
        Path modelDir = projectDir.resolve(MODELS).resolve(modelId);
        if (!Files.isDirectory(modelDir)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(modelDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (isScratch(name)) {
                    continue; // being written or deleted by a live process, or removed when a store next opens
                }
                try {
                    readable.add(read(modelId, name, dir));
                } catch (IOException e) {
                    damaged.add(new DamagedVersion(modelId, name, dir, e.getMessage()));
                }
            }
        }
    }

    /**
     * One version.
     *
     * @param modelId the root model's id
     * @param versionId the version's id
     * @return the version
     * @throws IOException naming the version if it is missing or unreadable
     */
    public ModelVersion version(String modelId, String versionId) throws IOException {
        Path dir = projectDir.resolve(MODELS).resolve(modelId).resolve(versionId);
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "model " + modelId + " has no version '" + versionId + "'");
        }
        return read(modelId, versionId, dir);
    }

    /**
     * The training a version went through, if it was stored: versions written before histories were
     * kept, and versions made without training, have none.
     *
     * @param version the version
     * @return its history, or empty
     * @throws IOException naming the file if it exists but cannot be read
     */
    public Optional<TrainingHistory> history(ModelVersion version) throws IOException {
        return TrainingHistory.read(version.directory());
    }

    /**
     * Loads a version's network and weights.
     *
     * @param version the version
     * @param parent the manager under which the model's manager is created
     * @return the model
     * @throws org.prunelab.runtime.model.ModelFileException naming the file if it cannot be loaded
     */
    public NetworkModel load(ModelVersion version, NDManager parent) {
        return ModelFiles.load(version.directory(), parent);
    }

    /**
     * The id the next child version of a model would get now: v1, v2, ... (a hint: {@link #write} with a
     * null id chooses it again under the project's lock when it publishes)
     *
     * @param modelId the root model's id
     * @return the first unused id
     * @throws IOException if the versions cannot be listed
     */
    public String nextVersionId(String modelId) throws IOException {
        Path modelDir = projectDir.resolve(MODELS).resolve(modelId);
        int n = 1;
        while (Files.exists(modelDir.resolve("v" + n))) {
            n++;
        }
        return "v" + n;
    }

    private static ModelVersion read(String modelId, String versionId, Path dir) throws IOException {
        Recipe recipe = readJson(dir, RECIPE_FILE, Recipe.class);
        Evaluation evaluation = readJson(dir, EVALUATION_FILE, Evaluation.class);
        requireField(dir, RECIPE_FILE, "kind", recipe.kind());
        requireField(dir, RECIPE_FILE, "created", recipe.created());
        if (recipe.batchNormImages() < 0) {
            throw new IOException(dir.resolve(RECIPE_FILE) + ": '" + Recipe.BATCH_NORM_IMAGES + "' must be at least 0 "
                    + "(0: the batch norms were not re-estimated), not " + recipe.batchNormImages());
        }
        requireField(dir, EVALUATION_FILE, "perClassAccuracy", evaluation.perClassAccuracy());
        requireField(dir, EVALUATION_FILE, "confusion", evaluation.confusion());
        return new ModelVersion(modelId, versionId, dir, recipe, evaluation);
    }

    private static <T> T readJson(Path dir, String fileName, Class<T> type) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            }
            throw new NoSuchFileException(file.toString(), null,
                    empty ? "empty version folder" : "incomplete version, " + fileName + " is missing");
        }
        JsonReader reader = GSON.newJsonReader(new StringReader(ProjectFiles.readText(file)));
        try {
            T value = GSON.fromJson(reader, type);
            if (value == null) {
                throw new IOException(file + ": empty file");
            }
            requireEnd(reader);
            return value;
        } catch (JsonParseException | NumberFormatException | IllegalStateException | ClassCastException e) {
            // Gson reports a number or a type where another is expected with these, not only JsonParseException,
            // and says where only for syntax errors: the reader's path names the field it stopped at
            String message = String.valueOf(e.getMessage());
            throw new IOException(file + ": not readable JSON" + (message.contains("path $") ? "" : " at "
                    + reader.getPath()) + ": " + message, e);
        }
    }

    /** What {@code Gson.fromJson(String)} checks and {@code fromJson(JsonReader)} does not. */
    private static void requireEnd(JsonReader reader) {
        try {
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonSyntaxException("JSON document was not fully consumed.");
            }
        } catch (IOException e) {
            throw new JsonSyntaxException(e);
        }
    }

    private static void requireField(Path dir, String fileName, String field, Object value) throws IOException {
        if (value == null) {
            throw new IOException(dir.resolve(fileName) + ": no '" + field + "'");
        }
    }

    /**
     * A version's display name, as {@link #rename} stored it.
     *
     * @param version the version
     * @return its name, or empty if it has none (it is then shown by its id)
     * @throws IOException if the label file exists but cannot be read
     */
    public Optional<String> label(ModelVersion version) throws IOException {
        Path file = version.directory().resolve(LABEL_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String label = ProjectFiles.readText(file).strip();
        return label.isEmpty() ? Optional.empty() : Optional.of(label);
    }

    /**
     * Gives a version a display name, stored in its folder as {@value #LABEL_FILE}. The id, the folder and
     * the children's references to it stay as they are.
     *
     * @param version the version
     * @param label the new name (stripped); blank removes the name
     * @throws IOException if the file cannot be written; the old name is kept then
     * @throws IllegalArgumentException if the name spans lines or is longer than {@value #MAX_LABEL_LENGTH}
     *             characters
     */
    public void rename(ModelVersion version, String label) throws IOException {
        String name = label == null ? "" : label.strip();
        if (name.contains("\n") || name.contains("\r")) {
            throw new IllegalArgumentException("a version's name is one line");
        }
        if (name.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("a version's name has at most " + MAX_LABEL_LENGTH + " characters, not "
                    + name.length());
        }
        Path dir = existing(version);
        Path file = dir.resolve(LABEL_FILE);
        if (name.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        ProjectFiles.writeAtomically(file, name + "\n");
    }

    /**
     * The versions made from a version, directly or through others.
     *
     * @param version the version
     * @return its children, then their children, and so on (each generation in creation order)
     * @throws IOException if the model's versions cannot be read
     */
    public List<ModelVersion> descendants(ModelVersion version) throws IOException {
        List<ModelVersion> all = versions(version.model());
        List<ModelVersion> found = new ArrayList<>();
        List<String> generation = List.of(version.id());
        while (!generation.isEmpty()) {
            List<String> parents = generation;
            List<ModelVersion> children = all.stream().filter(v -> v.parent() != null && parents.contains(v.parent()))
                    .toList();
            found.addAll(children);
            generation = children.stream().map(ModelVersion::id).toList();
        }
        return found;
    }

    /**
     * Deletes a version, and its descendants if asked to. Either every folder goes or none does: they are
     * first moved, one by one, into a hidden folder of the model (moved back if one cannot be), which is
     * then removed; what a crash leaves of it is removed when the store next opens.
     *
     * @param version the version
     * @param withDescendants whether the versions made from it go too
     * @return what was deleted: the version, then its descendants
     * @throws IOException if a folder cannot be moved (nothing is deleted then)
     * @throws IllegalStateException naming the descendants if there are any and they were not to go
     */
    public List<ModelVersion> delete(ModelVersion version, boolean withDescendants) throws IOException {
        // under the lock: a child published meanwhile would otherwise survive its deleted parent
        return ProjectLock.under(projectDir, () -> deleteLocked(version, withDescendants));
    }

    private List<ModelVersion> deleteLocked(ModelVersion version, boolean withDescendants) throws IOException {
        Path dir = existing(version);
        List<ModelVersion> below = descendants(version);
        if (!below.isEmpty() && !withDescendants) {
            throw new IllegalStateException(version.model() + "/" + version.id() + " has versions made from it ("
                    + String.join(", ", below.stream().map(ModelVersion::id).toList())
                    + "): delete them with it, or not at all");
        }
        List<ModelVersion> doomed = new ArrayList<>();
        doomed.add(version);
        doomed.addAll(below);
        Path modelDir = dir.getParent();
        Path trash = Files.createDirectory(modelDir.resolve(scratchName(DELETING, version.id())));
        List<String> moved = new ArrayList<>();
        try {
            // the deepest first: a failure half-way never leaves a child without its parent
            for (ModelVersion v : doomed.reversed()) {
                Files.move(modelDir.resolve(v.id()), trash.resolve(v.id()), StandardCopyOption.ATOMIC_MOVE);
                moved.add(v.id());
            }
        } catch (IOException e) {
            for (String id : moved.reversed()) {
                Files.move(trash.resolve(id), modelDir.resolve(id), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.deleteIfExists(trash);
            throw e;
        }
        try {
            ProjectFiles.deleteTree(trash);
        } catch (IOException e) {
            // the versions are gone from the model already; the next store to open removes the rest
        }
        return List.copyOf(doomed);
    }

    private Path existing(ModelVersion version) throws IOException {
        checkId(version.model());
        checkId(version.id());
        Path dir = projectDir.resolve(MODELS).resolve(version.model()).resolve(version.id());
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "model " + version.model() + " has no version '"
                    + version.id() + "'");
        }
        return dir;
    }

    /**
     * The name of a scratch file: prefix, subject, writing process, time. The process is in the name because
     * several stores may be open on one project at once (views, jobs, the command line): each must leave the
     * others' work in progress alone.
     */
    private static String scratchName(String prefix, String subject) {
        return prefix + subject + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /** Whether a folder is a store's scratch folder (a version being written or deleted), live or not. */
    private static boolean isScratch(String name) {
        return name.startsWith(TEMPORARY) || name.startsWith(DELETING);
    }

    /** A scratch file whose writing process has ended: what an interrupted write or delete left. */
    private static boolean isLeftover(String name) {
        if (!isScratch(name)) {
            return false;
        }
        // written before names carried the process, or not by a store: nobody will finish it
        return writerOf(name).map(pid -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)).orElse(true);
    }

    /** The process named in a scratch name (prefix, subject, process, time). */
    private static Optional<Long> writerOf(String name) {
        String[] parts = name.split("-");
        if (parts.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(parts[parts.length - 2]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("'" + id + "' is not a valid id: use letters, digits, '.', '_' and '-'");
        }
    }

}
