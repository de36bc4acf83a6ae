package org.prunelab.core.versions;

import java.time.Instant;
import java.util.Map;

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
 * @param training the (fine-)training schedule, null if none ran
 * @param seed the seed of initialisation or training
 * @param created when the version was written
 */
public record Recipe(String kind, String parent, String architecture, String metric, JsonElement metricSettings,
        String strategy, JsonElement strategySettings, int minChannels, Map<String, Integer> kept,
        TrainingSettings training, long seed, Instant created) {
}
