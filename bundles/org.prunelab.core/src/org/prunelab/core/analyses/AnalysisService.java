package org.prunelab.core.analyses;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.contributions.ContributionRegistry;
import org.prunelab.core.contributions.SettingsJson;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectFiles;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * Runs analyses and keeps their results. A result is stored with the version it describes (the last one
 * given: for a comparison, the version compared with the baseline) as
 * {@code analyses/<analysis id>/<key>.json}, written atomically; the key is a digest of its inputs (the
 * analysis, its settings, every version's network and weights, the dataset), so a stored result is handed
 * out again exactly as long as nothing it was computed from has changed. A stored file that cannot be read
 * is computed again and replaced, never trusted.
 */
public final class AnalysisService {

    /** The folder of a version that holds its analyses' results. */
    public static final String FOLDER = "analyses";

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /**
     * One analysis to run.
     *
     * @param descriptor the analysis
     * @param analysis an instance of it
     * @param settings its settings, of the type of its {@code defaultSettings()}
     */
    public record Request(AnalysisDescriptor descriptor, Analysis<?, ?> analysis, Record settings) {
    }

    /**
     * A result and where it is kept.
     *
     * @param <R> the result type
     * @param request what was run
     * @param result the result
     * @param file where it is stored
     * @param reused whether it was read from the file rather than computed
     */
    public record Stored<R>(Request request, R result, Path file, boolean reused) {
    }

    private AnalysisService() {
    }

    /**
     * A request with settings given as JSON; missing fields keep their defaults.
     *
     * @param registry the analysis registry
     * @param id the analysis's id
     * @param settings a JSON object of settings, or null for the defaults
     * @return the request
     * @throws IllegalArgumentException if no analysis has that id or the settings do not parse
     */
    public static Request request(AnalysisRegistry registry, String id, JsonElement settings) {
        AnalysisDescriptor descriptor = registry.require(id, "analysis");
        Analysis<?, ?> analysis = registry.create(descriptor);
        Record defaults = ContributionRegistry.call(descriptor.contribution(), "has no default settings",
                analysis::defaultSettings);
        return new Request(descriptor, analysis, SettingsJson.merge(defaults, settings, "analysis " + id));
    }

    /**
     * A request with settings already typed.
     *
     * @param registry the analysis registry
     * @param id the analysis's id
     * @param settings its settings
     * @return the request
     * @throws IllegalArgumentException if no analysis has that id or the settings are of another type
     */
    public static Request request(AnalysisRegistry registry, String id, Record settings) {
        Request request = request(registry, id, (JsonElement) null);
        if (settings.getClass() != request.settings().getClass()) {
            throw new IllegalArgumentException("analysis " + id + " takes " + request.settings().getClass().getName()
                    + ", not " + settings.getClass().getName());
        }
        return new Request(request.descriptor(), request.analysis(), settings);
    }

    /**
     * The stored result of a request, if there is one for these exact inputs; computes nothing.
     *
     * @param request the analysis and settings
     * @param versions the versions, baseline first
     * @param data the project's dataset
     * @return the stored result, or empty
     * @throws IOException if a version's files cannot be read
     */
    public static Optional<Stored<Record>> stored(Request request, List<ModelVersion> versions, DatasetSpec data)
            throws IOException {
        checkVersions(request, versions, data);
        JsonObject inputs = inputs(request, versions, data);
        Path file = file(request, versions, inputs);
        return read(request, inputs, file).map(result -> new Stored<>(request, result, file, true));
    }

    /**
     * The result of a request: the stored one if its inputs are unchanged, otherwise computed and stored.
     *
     * @param request the analysis and settings
     * @param versions the versions, baseline first
     * @param data the project's dataset
     * @param manager under which the versions are loaded, freed before returning
     * @param monitor progress and cancellation
     * @return the result
     * @throws IllegalArgumentException if the versions, data or settings do not fit the analysis
     * @throws ContributionException naming the plug-in if the analysis fails or returns no storable result
     * @throws OperationCanceledException if cancelled; nothing is stored then
     * @throws IOException if the versions cannot be read or the result cannot be written
     */
    public static Stored<Record> run(Request request, List<ModelVersion> versions, DatasetSpec data, NDManager manager,
            IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, request.descriptor().name(), 100);
        checkVersions(request, versions, data);
        JsonObject inputs = inputs(request, versions, data);
        Path file = file(request, versions, inputs);
        Optional<Record> stored = read(request, inputs, file);
        if (stored.isPresent()) {
            return new Stored<>(request, stored.get(), file, true);
        }
        Path projectDir = versions.get(0).projectDirectory();
        Dataset test = data.test(projectDir);
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set of " + data.location() + " is empty");
        }
        sub.split(5);
        try (NDManager scope = manager.newSubManager()) {
            List<NetworkModel> models = new ArrayList<>();
            for (ModelVersion version : versions) {
                models.add(ModelFiles.load(version.directory(), scope));
            }
            checkShapes(versions, models, test);
            Dataset[] train = new Dataset[1];
            Supplier<Dataset> training = () -> {
                if (train[0] == null) {
                    train[0] = data.train(projectDir);
                }
                return train[0];
            };
            AnalysisContext context = new AnalysisContext(versions, models, test, training, data.normalization(),
                    PruningService.BATCH_SIZE);
            validate(request, context);
            Record result = ContributionRegistry.call(request.descriptor().contribution(), "failed to analyse "
                    + names(versions), () -> compute(request, context, sub.split(90)));
            if (result == null) {
                throw new ContributionException(request.descriptor().contribution().label() + " returned no result", null);
            }
            String json = encode(request, inputs, result);
            Files.createDirectories(file.getParent());
            ProjectFiles.writeAtomically(file, json);
            return new Stored<>(request, result, file, false);
        }
    }

    /**
     * The result of a request, stored or computed and stored, the versions loaded under a manager of its
     * own that is closed when done.
     *
     * @param request the analysis and settings
     * @param versions the versions, baseline first
     * @param data the project's dataset
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the result
     * @throws IOException if the versions cannot be read or the result cannot be written
     * @see #run(Request, List, DatasetSpec, NDManager, IProgressMonitor)
     */
    public static Stored<Record> run(Request request, List<ModelVersion> versions, DatasetSpec data,
            ModelRuntime runtime, IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            return run(request, versions, data, manager, monitor);
        }
    }

    /**
     * Every result of one analysis stored with a version, whatever its settings, that is still valid for
     * the version's weights and the dataset; computes nothing.
     *
     * @param registry the installed analyses
     * @param id the analysis's id, one taking a single version
     * @param version the version
     * @param data the project's dataset
     * @return the valid stored results, in file order
     * @throws IOException if the version's files cannot be read
     */
    public static List<Stored<Record>> storedResults(AnalysisRegistry registry, String id, ModelVersion version,
            DatasetSpec data) throws IOException {
        Path dir = version.directory().resolve(FOLDER).resolve(id);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        List<Stored<Record>> out = new ArrayList<>();
        for (Path file : files) {
            JsonElement settings;
            try {
                settings = JsonParser.parseString(ProjectFiles.readText(file)).getAsJsonObject()
                        .getAsJsonObject("inputs").get("settings");
            } catch (JsonParseException | IllegalStateException | ClassCastException | NullPointerException e) {
                ILog.of(AnalysisService.class).log(Status.warning("The stored result " + file + " cannot be read: "
                        + e.getMessage()));
                continue;
            }
            try {
                stored(request(registry, id, settings), List.of(version), data).filter(s -> s.file().equals(file))
                        .ifPresent(out::add);
            } catch (IllegalArgumentException e) {
                // settings the analysis no longer takes (a metric uninstalled since): not a result to show
                ILog.of(AnalysisService.class).log(Status.info("The stored result " + file + " is skipped: "
                        + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * Every result stored with a version, in file order.
     *
     * @param version the version
     * @return the stored files
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> storedFiles(ModelVersion version) throws IOException {
        Path dir = version.directory().resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.walk(dir, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void checkVersions(Request request, List<ModelVersion> versions, DatasetSpec data) {
        int wanted = request.descriptor().versions();
        if (versions.size() != wanted) {
            throw new IllegalArgumentException(request.descriptor().name() + " takes " + (wanted == 1 ? "one version"
                    : "two versions (a baseline and a version compared with it)") + ", not " + versions.size());
        }
        if (data == null) {
            throw new IllegalArgumentException("the project has no dataset: " + request.descriptor().name()
                    + " needs its test set");
        }
        for (ModelVersion version : versions) {
            if (!version.model().equals(versions.get(0).model())) {
                throw new IllegalArgumentException(names(versions) + " are versions of different models ("
                        + versions.get(0).model() + ", " + version.model() + "): "
                        + request.descriptor().name() + " compares versions of one model");
            }
        }
    }

    private static void checkShapes(List<ModelVersion> versions, List<NetworkModel> models, Dataset test) {
        for (int i = 0; i < versions.size(); i++) {
            List<Integer> shape = models.get(i).network().inputShape();
            if (!shape.equals(test.imageShape())) {
                throw new IllegalArgumentException("version " + versions.get(i).id() + " takes images of shape " + shape
                        + ", the test set " + test.name() + " has " + test.imageShape());
            }
            if (models.get(i).network().classes() != test.classNames().size()) {
                throw new IllegalArgumentException("version " + versions.get(i).id() + " predicts "
                        + models.get(i).network().classes() + " classes, the test set " + test.name() + " has "
                        + test.classNames().size());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void validate(Request request, AnalysisContext context) {
        try {
            ((Analysis) request.analysis()).validate(context, request.settings());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(request.descriptor().name() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ContributionException(request.descriptor().contribution().label() + " failed to validate: " + e, e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Record compute(Request request, AnalysisContext context, IProgressMonitor monitor) {
        return (Record) ((Analysis) request.analysis()).run(context, request.settings(), monitor);
    }

    private static String encode(Request request, JsonObject inputs, Record result) {
        JsonObject file = new JsonObject();
        file.add("inputs", inputs);
        try {
            file.add("result", GSON.toJsonTree(result));
            // a result that does not read back would be recomputed on every request: refuse it now
            GSON.fromJson(file.get("result"), request.analysis().resultType());
        } catch (RuntimeException e) {
            throw new ContributionException(request.descriptor().contribution().label()
                    + " returned a result that cannot be stored as JSON: " + e, e);
        }
        return GSON.toJson(file) + "\n";
    }

    private static Optional<Record> read(Request request, JsonObject inputs, Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonObject stored = JsonParser.parseString(ProjectFiles.readText(file)).getAsJsonObject();
            if (!inputs.equals(stored.get("inputs"))) {
                return Optional.empty();
            }
            Record result = GSON.fromJson(stored.get("result"), request.analysis().resultType());
            return Optional.ofNullable(result);
        } catch (IOException | JsonParseException | IllegalStateException e) {
            ILog.of(AnalysisService.class).log(Status.warning("The stored result " + file
                    + " cannot be read and is computed again: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static Path file(Request request, List<ModelVersion> versions, JsonObject inputs) {
        return versions.get(versions.size() - 1).directory().resolve(FOLDER).resolve(request.descriptor().id())
                .resolve(digest(inputs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16)
                        + ".json");
    }

    private static JsonObject inputs(Request request, List<ModelVersion> versions, DatasetSpec data) throws IOException {
        JsonObject inputs = new JsonObject();
        inputs.addProperty("analysis", request.descriptor().id());
        inputs.add("settings", SettingsJson.toJson(request.settings()));
        JsonArray list = new JsonArray();
        for (ModelVersion version : versions) {
            JsonObject v = new JsonObject();
            v.addProperty("model", version.model());
            v.addProperty("version", version.id());
            v.addProperty("network", fileDigest(version.directory().resolve(ModelFiles.NETWORK_FILE)));
            v.addProperty("weights", fileDigest(version.directory().resolve(ModelFiles.WEIGHTS_FILE)));
            list.add(v);
        }
        inputs.add("versions", list);
        inputs.add("dataset", GSON.toJsonTree(data));
        return inputs;
    }

    private static String fileDigest(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "the version's file is missing");
        }
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String names(List<ModelVersion> versions) {
        return String.join(" and ", versions.stream().map(v -> v.model() + "/" + v.id()).toList());
    }
}
