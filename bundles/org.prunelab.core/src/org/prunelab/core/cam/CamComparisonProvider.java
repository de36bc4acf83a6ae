package org.prunelab.core.cam;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

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
     * The comparison: stored, or computed and stored.
     *
     * @param request the versions and settings
     * @param monitor progress and cancellation
     * @return the result
     * @throws IOException if the versions cannot be read or the result cannot be written
     */
    public Comparison comparison(Request request, IProgressMonitor monitor) throws IOException {
        try (NDManager manager = runtime.newManager()) {
            AnalysisService.Stored<Record> stored = AnalysisService.run(analysis(request),
                    List.of(request.baseline(), request.compared()), request.data(), manager, monitor);
            return new Comparison((CamComparison.Result) stored.result(), stored.reused());
        }
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
