package org.prunelab.ui.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.cam.CamComparisonProvider;
import org.prunelab.core.cam.Sp2psScore;
import org.prunelab.core.performance.PerformanceSummary;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.ModelVersion;

/**
 * Sp2PS beside accuracy wherever versions are compared (tree, Properties, Performance view, Compare
 * dialog): where a pruned version now looks, against its model's root. Only stored CAM comparisons are
 * shown; computing one is the CAM Comparison view's job.
 */
public final class Attention {

    /** What a version that was never compared shows. */
    public static final String NOT_COMPUTED = "not computed: open the CAM Comparison view on it";

    private Attention() {
    }

    /**
     * Reads a version's stored Sp2PS against its root; call it from a job.
     *
     * @param version the version
     * @param all every version of its model
     * @param data the project's dataset, or null
     * @return the score, or empty for a root, or if it was never computed or its versions cannot be read
     */
    public static Optional<Sp2psScore> read(ModelVersion version, List<ModelVersion> all, DatasetSpec data) {
        Optional<AnalysisRegistry> registry = Services.find(AnalysisRegistry.class);
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        try {
            return CamComparisonProvider.againstRoot(registry.get(), version, PerformanceSummary.of(version, all).root(),
                    data);
        } catch (IOException e) {
            // a version whose files cannot be read has no score to show; the tree marks it damaged
            return Optional.empty();
        }
    }

    /**
     * What is known of a version's Sp2PS against its root, without I/O: for the UI thread.
     *
     * @param version the version
     * @return the score's line, {@link #NOT_COMPUTED}, or empty for a root
     */
    public static Optional<String> describe(ModelVersion version) {
        if (version.parent() == null) {
            return Optional.empty();
        }
        return Optional.of(CamComparisonProvider.known(version).map(Sp2psScore::describe).orElse(NOT_COMPUTED));
    }
}
