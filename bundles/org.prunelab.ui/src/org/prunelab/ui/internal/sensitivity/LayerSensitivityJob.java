package org.prunelab.ui.internal.sensitivity;

import java.nio.file.Path;
import java.util.List;

import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.versions.LayerSensitivityAnalysis;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.internal.VersionJob;

/**
 * The job that measures a version's layer sensitivity and stores it with the version, started from the
 * exploration tree (Analyse > Layer Sensitivity…) or from the prune wizard when a target accuracy needs it.
 */
public final class LayerSensitivityJob {

    private LayerSensitivityJob() {
    }

    /**
     * A job measuring the curves pruning toward an accuracy looks for (not yet scheduled).
     *
     * @param version the version
     * @param versionName how it is named in the Progress view
     * @param metric the id of the metric ranking the channels
     * @param analyses the installed analyses
     * @return the job
     */
    public static VersionJob create(ModelVersion version, String versionName, String metric,
            AnalysisRegistry analyses) {
        return create(version, versionName, LayerSensitivityAnalysis.standard(metric), analyses);
    }

    /**
     * A job measuring the curves with chosen settings (not yet scheduled).
     *
     * @param version the version
     * @param versionName how it is named in the Progress view
     * @param settings the metric, ratios and samples
     * @param analyses the installed analyses
     * @return the job
     */
    public static VersionJob create(ModelVersion version, String versionName, LayerSensitivityAnalysis.Settings settings,
            AnalysisRegistry analyses) {
        Path dir = version.projectDirectory();
        // stored beside the version's other analyses: no version is added, so the project is not locked
        return VersionJob.create("Layer sensitivity of " + versionName, dir, false, monitor -> {
            DatasetSpec data = VersionJob.dataset(dir);
            AnalysisService.run(AnalysisService.request(analyses, LayerSensitivityAnalysis.ID, settings),
                    List.of(version), data, VersionJob.runtime(), monitor);
        });
    }
}
