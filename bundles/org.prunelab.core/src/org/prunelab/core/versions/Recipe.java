package org.prunelab.core.versions;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.JsonElement;

/**
 * How a version was made.
 *
 * @param kind "trained" (from scratch), "imported", "pruned" or "fine-tuned"
 * @param parent the parent version's id, null for a root
 * @param architecture for roots: the architecture it was built from, e.g. "small-vgg 32,32,64,64"
 * @param metric the importance metric's id, null unless pruned
 * @param metricSettings the metric's settings, null unless pruned
 * @param strategy the strategy's id, null unless pruned
 * @param strategySettings the strategy's settings, null unless pruned
 * @param minChannels the fewest channels any layer kept, 0 unless pruned
 * @param kept channels kept per group, null unless pruned
 * @param batchNormImages how many training images the batch norms' running statistics were re-estimated on
 *            after the surgery, before any fine-tuning; 0 if they were not (the parent's were kept, or the
 *            network has no batch norm, or the recipe is older than re-estimation)
 * @param training the (fine-)training schedule, null if none ran
 * @param seed the seed of initialisation or training
 * @param created when the version was written
 */
public record Recipe(String kind, String parent, String architecture, String metric, JsonElement metricSettings,
        String strategy, JsonElement strategySettings, int minChannels, Map<String, Integer> kept,
        int batchNormImages, TrainingSettings training, long seed, Instant created) {

    /** The JSON name of {@link #batchNormImages()}, for messages about a recipe file. */
    public static final String BATCH_NORM_IMAGES = "batchNormImages";

    /**
     * A recipe whose batch norms were not re-estimated: a root, a fine-tuned version, or a pruned one that
     * kept its parent's statistics.
     *
     * @param kind "trained", "imported", "pruned" or "fine-tuned"
     * @param parent the parent version's id, null for a root
     * @param architecture for roots: the architecture it was built from
     * @param metric the importance metric's id, null unless pruned
     * @param metricSettings the metric's settings, null unless pruned
     * @param strategy the strategy's id, null unless pruned
     * @param strategySettings the strategy's settings, null unless pruned
     * @param minChannels the fewest channels any layer kept, 0 unless pruned
     * @param kept channels kept per group, null unless pruned
     * @param training the (fine-)training schedule, null if none ran
     * @param seed the seed of initialisation or training
     * @param created when the version was written
     */
    public Recipe(String kind, String parent, String architecture, String metric, JsonElement metricSettings,
            String strategy, JsonElement strategySettings, int minChannels, Map<String, Integer> kept,
            TrainingSettings training, long seed, Instant created) {
        this(kind, parent, architecture, metric, metricSettings, strategy, strategySettings, minChannels, kept, 0,
                training, seed, created);
    }

    /**
     * What became of the batch norms' running statistics after the surgery, in words.
     *
     * @return e.g. "re-estimated on 4000 training images" or "the parent's"; empty unless the version was pruned
     */
    public Optional<String> batchNorms() {
        if (kept == null) {
            return Optional.empty();
        }
        return Optional.of(batchNormImages > 0 ? "re-estimated on " + batchNormImages + " training images"
                : "the parent's");
    }
}
