package org.prunelab.core.cam;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import ai.djl.ndarray.NDManager;

/**
 * What the CAM comparison view shows, computed headless: the stored comparison of two versions (computed
 * and stored if it is missing) and the maps of the few images on screen. The view only renders.
 */
public final class CamComparisonProvider {

    /** The id of the built-in CAM comparison analysis. */
    public static final String ANALYSIS = "org.prunelab.analyses.camComparison";

    /**
     * One comparison.
     *
     * @param baseline the version compared against (usually the root)
     * @param compared the version compared with it
     * @param data the project's dataset
     * @param settings layer, method, measures, samples
     */
    public record Request(ModelVersion baseline, ModelVersion compared, DatasetSpec data,
            CamComparison.Settings settings) {
    }

    /**
     * A comparison's result and whether it was read from the version's folder.
     *
     * @param result the scores
     * @param reused true if it was stored already
     */
    public record Comparison(CamComparison.Result result, boolean reused) {
    }

    /**
     * The Sp2PS against the root of every version whose stored comparison was read or computed in this
     * process, for Properties and tooltips, which may not read files on the UI thread. A version's files
     * never change, so its folder and creation time identify the score (a deleted version's id may be
     * reused by a new one, created later).
     */
    private static final Map<List<Object>, Sp2psScore> KNOWN = new ConcurrentHashMap<>();

    private final ModelRuntime runtime;
    private final AnalysisRegistry registry;

    /**
     * Creates the provider.
     *
     * @param runtime the model runtime
     * @param registry the installed analyses
     */
    public CamComparisonProvider(ModelRuntime runtime, AnalysisRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    /**
     * The stored comparison, if there is one; computes nothing (for tooltips and Properties).
     *
     * @param request the versions and settings
     * @return the stored result, or empty
     * @throws IOException if the versions cannot be read
     */
    public Optional<CamComparison.Result> stored(Request request) throws IOException {
        return AnalysisService.stored(analysis(request), List.of(request.baseline(), request.compared()), request.data())
                .map(s -> (CamComparison.Result) s.result());
    }

    /**
     * The stored Sp2PS of a version against its model's root under the default settings (the CAM
     * comparison view's first choice), if it was computed; computes nothing, but reads the version's files
     * to check the stored result still fits them, so call it from a job. Needs no model runtime.
     *
     * @param registry the installed analyses
     * @param version the version
     * @param root its model's root
     * @param data the project's dataset, or null if it has none
     * @return the score, or empty for the root itself, without a dataset, or if it was never computed
     * @throws IOException if the versions cannot be read
     */
    public static Optional<Sp2psScore> againstRoot(AnalysisRegistry registry, ModelVersion version, ModelVersion root,
            DatasetSpec data) throws IOException {
        // most versions were never compared: their folder says so without reading any weights
        if (version.equals(root) || data == null
                || !Files.isDirectory(version.directory().resolve(AnalysisService.FOLDER).resolve(ANALYSIS))) {
            return Optional.empty();
        }
        Optional<Sp2psScore> score = AnalysisService.stored(AnalysisService.request(registry, ANALYSIS,
                CamComparison.Settings.DEFAULT), List.of(root, version), data)
                .map(s -> Sp2psScore.of(root.id(), (CamComparison.Result) s.result()));
        score.ifPresentOrElse(found -> KNOWN.put(key(version), found), () -> KNOWN.remove(key(version)));
        return score;
    }

    /**
     * The Sp2PS against the root last read or computed for a version; no I/O, for the UI thread.
     *
     * @param version the version
     * @return the score, or empty if it was not read or computed in this process
     */
    public static Optional<Sp2psScore> known(ModelVersion version) {
        return Optional.ofNullable(KNOWN.get(key(version)));
    }

    private static List<Object> key(ModelVersion version) {
        return List.of(version.directory().toAbsolutePath().normalize(), String.valueOf(version.recipe().created()));
    }

    /**
     * The comparison: stored, or computed and stored.
     *
     * @param request the versions and settings
     * @param monitor progress and cancellation
     * @return the result
     * @throws IOException if the versions cannot be read or the result cannot be written
     */
    public Comparison comparison(Request request, IProgressMonitor monitor) throws IOException {
        AnalysisService.Stored<Record> stored = AnalysisService.run(analysis(request),
                List.of(request.baseline(), request.compared()), request.data(), runtime, monitor);
        CamComparison.Result result = (CamComparison.Result) stored.result();
        if (request.baseline().parent() == null && request.settings().equals(CamComparison.Settings.DEFAULT)) {
            KNOWN.put(key(request.compared()), Sp2psScore.of(request.baseline().id(), result));
        }
        return new Comparison(result, stored.reused());
    }

    /**
     * The pixels and maps of some test images.
     *
     * @param request the versions and settings
     * @param indices the images
     * @param monitor cancellation
     * @return their maps, in the order of the indices
     */
    public List<CamComparison.ImageMaps> maps(Request request, int[] indices, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, "Class-activation maps of " + indices.length + " images", 3);
        var test = request.data().test(request.baseline().projectDirectory());
        sub.split(1);
        try (NDManager manager = runtime.newManager();
                NetworkModel a = ModelFiles.load(request.baseline().directory(), manager);
                NetworkModel b = ModelFiles.load(request.compared().directory(), manager)) {
            sub.split(1);
            return CamComparison.maps(a, b, test, request.data().normalization(), request.settings(), indices);
        }
    }

    private AnalysisService.Request analysis(Request request) {
        return AnalysisService.request(registry, ANALYSIS, request.settings());
    }
}
