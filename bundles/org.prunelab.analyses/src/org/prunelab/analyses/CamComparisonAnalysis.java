package org.prunelab.analyses;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;
import org.prunelab.core.cam.CamComparison;

/**
 * Sp2PS's comparison of where two versions look: {@link CamComparison} over the test set, the baseline
 * first.
 */
public final class CamComparisonAnalysis implements Analysis<CamComparison.Settings, CamComparison.Result> {

    /** The analysis's id. */
    public static final String ID = "org.prunelab.analyses.camComparison";

    @Override
    public CamComparison.Settings defaultSettings() {
        return CamComparison.Settings.DEFAULT;
    }

    @Override
    public Class<CamComparison.Result> resultType() {
        return CamComparison.Result.class;
    }

    @Override
    public void validate(AnalysisContext context, CamComparison.Settings settings) {
        CamComparison.validate(context.models().get(0), context.models().get(1), settings);
    }

    @Override
    public CamComparison.Result run(AnalysisContext context, CamComparison.Settings settings, IProgressMonitor monitor) {
        return CamComparison.run(context.models().get(0), context.models().get(1), context.test(),
                context.normalization(), context.batchSize(), settings, monitor);
    }
}
