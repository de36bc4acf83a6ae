package org.prunelab.core.versions;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;

import ai.djl.ndarray.NDManager;

/**
 * A plan of the Plan view applied: the child it prunes (and fine-tunes), and how far the plan's predicted
 * accuracy was from what the plan measures, before fine-tuning, on the validation samples the curves were
 * measured on.
 */
public final class PlanApplication {

    /**
     * What applying a plan made.
     *
     * @param child the new version
     * @param predicted the accuracy the curves predicted for the plan
     * @param measured the accuracy the plan leaves before fine-tuning, on the same validation samples
     * @param samples how many validation samples
     */
    public record Applied(ModelVersion child, double predicted, double measured, int samples) {

        /**
         * The prediction's error.
         *
         * @return measured − predicted (NaN if nothing was predicted)
         */
        public double error() {
            return measured - predicted;
        }
    }

    private PlanApplication() {
    }

    /**
     * Measures a plan on the validation samples, then prunes (and fine-tunes) the parent with it.
     *
     * @param store the project's versions
     * @param parent the version to prune; unchanged
     * @param data the project's dataset
     * @param request the metric, the strategy giving the plan, the fine-tuning
     * @param predicted the accuracy predicted for the plan, or NaN
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the child and the prediction's error
     * @throws IOException if the parent cannot be read or the child cannot be written
     */
    public static Applied apply(VersionStore store, ModelVersion parent, DatasetSpec data,
            PruningService.PruneRequest request, double predicted, ModelRuntime runtime, IProgressMonitor monitor)
            throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Applying the plan to " + parent.id(), 100);
        try (NDManager manager = runtime.newManager()) {
            // the same scores and plan as the pruning below: both score the same probe samples
            PruningService.PrunePreview preview = PruningService.preview(parent, data, request, manager, sub.split(20));
            Dataset validation = PruningService.validation(data.train(store.projectDir()));
            double measured;
            try (NetworkModel model = ModelFiles.load(parent.directory(), manager)) {
                measured = LayerSensitivity.accuracy(model, preview.plan(), validation, data.normalization(),
                        sub.split(10));
            }
            ModelVersion child = PruningService.prune(store, parent, data, request, manager, sub.split(70));
            return new Applied(child, predicted, measured, validation.size());
        }
    }
}
