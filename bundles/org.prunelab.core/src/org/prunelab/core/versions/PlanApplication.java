package org.prunelab.core.versions;

import java.io.IOException;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.training.TrainingListener;

import ai.djl.ndarray.NDManager;

/**
 * A plan of the Plan view applied: the child it prunes (and fine-tunes), in one step or several, and how far
 * the plan's predicted accuracy was from what the whole plan measures, before fine-tuning, on the validation
 * samples the curves were measured on.
 */
public final class PlanApplication {

    /**
     * What applying a plan made.
     *
     * @param made the new versions, each the child of the one before: one per step
     * @param predicted the accuracy the curves predicted for the plan
     * @param measured the accuracy the whole plan leaves before fine-tuning, on the same validation samples
     * @param samples how many validation samples
     */
    public record Applied(List<ModelVersion> made, double predicted, double measured, int samples) {

        /** Copies the versions. */
        public Applied {
            made = List.copyOf(made);
        }

        /**
         * The last version made: the plan reached.
         *
         * @return the last child
         */
        public ModelVersion child() {
            return made.get(made.size() - 1);
        }

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
     * Measures a plan on the validation samples, then prunes (and fine-tunes) the parent with it, in one
     * step or in several (see {@link PruningService#pruneIteratively}).
     *
     * @param store the project's versions
     * @param parent the version to prune; unchanged
     * @param data the project's dataset
     * @param request the metric, the strategy giving the plan, the fine-tuning (of each step)
     * @param steps how many prune (and fine-tune) steps reach the plan
     * @param predicted the accuracy predicted for the plan, or NaN
     * @param listener told of the fine-tunings' epochs and of the running means within them, on the job's thread
     * @param runtime the model runtime
     * @param monitor progress and cancellation
     * @return the versions made and the prediction's error
     * @throws IOException if the parent cannot be read or a child cannot be written
     */
    public static Applied apply(VersionStore store, ModelVersion parent, DatasetSpec data,
            PruningService.PruneRequest request, int steps, double predicted, TrainingListener listener,
            ModelRuntime runtime, IProgressMonitor monitor) throws IOException {
        SubMonitor sub = SubMonitor.convert(monitor, "Applying the plan to " + parent.id(), 100);
        Dataset validation = PruningService.validation(data.train(store.projectDir()));
        double[] measured = {Double.NaN};
        try (NDManager manager = runtime.newManager()) {
            if (steps == 1) {
                // measured on the parent with the very plan the pruning follows: the filters are scored once
                ModelVersion child = PruningService.prune(store, parent, data, request, (model, plan) -> measured[0] =
                        LayerSensitivity.accuracy(model, plan, validation, data.normalization(), null), listener,
                        manager, sub.split(100));
                return new Applied(List.of(child), predicted, measured[0], validation.size());
            }
            // the steps re-score as they go; the whole plan is measured once, on the parent, as predicted
            PruningService.PrunePreview preview = PruningService.preview(parent, data, request, manager, sub.split(15));
            try (NetworkModel model = ModelFiles.load(parent.directory(), manager)) {
                measured[0] = LayerSensitivity.accuracy(model, preview.plan(), validation, data.normalization(),
                        sub.split(5));
            }
            List<ModelVersion> made = PruningService.pruneIteratively(store, parent, data, request, steps, listener,
                    manager, sub.split(80));
            return new Applied(made, predicted, measured[0], validation.size());
        }
    }
}
