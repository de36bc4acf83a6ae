package org.prunelab.ui.robustness.internal;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.prunelab.analyses.RobustnessLotteryProvider;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.ui.AnalysisView;
import org.prunelab.ui.internal.Services;
import org.prunelab.ui.internal.VersionJob;

/**
 * What the three Robustness Lottery views share beyond an analysis view: their provider, and a selection
 * that is a picked sample of a version.
 */
public abstract class LotteryView extends AnalysisView {

    /**
     * The view's selection: a picked sample of a version, or the version.
     *
     * @param version the version shown, or null
     * @param sample the sample picked, or −1
     * @return the selection
     */
    protected static ISelection selection(ModelVersion version, int sample) {
        if (version == null) {
            return StructuredSelection.EMPTY;
        }
        return new StructuredSelection(sample >= 0 ? new SelectedSample(version, sample) : version);
    }

    /**
     * The provider of the views, over the running model runtime and analyses.
     *
     * @return the provider
     */
    protected static RobustnessLotteryProvider provider() {
        return new RobustnessLotteryProvider(VersionJob.runtime(), Services.find(AnalysisRegistry.class)
                .orElseThrow(() -> new IllegalStateException("the analysis registry is not running")));
    }
}
