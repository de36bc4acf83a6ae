package org.prunelab.core.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans kept in a project: saved, listed by name, replaced, a damaged file skipped, a bad name refused.
 */
class SavedPlansTest {

    @Test
    void plansAreSavedPerModelListedByNameAndReplacedBySameName(@TempDir Path project) throws Exception {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("conv1", 0.5);
        shares.put("conv3", 0.25);
        SavedPlans.Plan half = new SavedPlans.Plan("half conv1", "base", "org.prunelab.metrics.weightL1", shares);
        SavedPlans.Plan light = new SavedPlans.Plan("a-light.1", "v4", "org.prunelab.metrics.fpgm", Map.of("conv2", 0.1));
        Path file = SavedPlans.save(project, "small-vgg", half);
        assertEquals(project.resolve("plans/small-vgg/half conv1.json"), file);
        SavedPlans.save(project, "small-vgg", light);
        SavedPlans.save(project, "other", light);
        assertEquals(List.of(light, half), SavedPlans.list(project, "small-vgg"), "by name");
        assertEquals(List.of("conv1", "conv3"), List.copyOf(SavedPlans.list(project, "small-vgg").get(1).shares()
                .keySet()), "the layers in their order");

        SavedPlans.Plan changed = new SavedPlans.Plan("half conv1", "base", "org.prunelab.metrics.weightL1",
                Map.of("conv1", 0.4));
        SavedPlans.save(project, "small-vgg", changed);
        assertEquals(List.of(light, changed), SavedPlans.list(project, "small-vgg"));

        Files.writeString(project.resolve("plans/small-vgg/broken.json"), "{ \"name\": ");
        Files.writeString(project.resolve("plans/small-vgg/renamed.json"), "{ \"name\": \"../x\", \"shares\": {} }");
        assertEquals(List.of(light, changed), SavedPlans.list(project, "small-vgg"), "damaged files are skipped");
        assertEquals(List.of(), SavedPlans.list(project, "none"));
        assertTrue(Files.notExists(project.resolve("plans/small-vgg/half conv1.json.tmp")));
    }

    @Test
    void aNameThatIsNotAFileNameIsRefused() {
        for (String name : new String[] {"", "../escape", "a/b", " leading", "x".repeat(65)}) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> new SavedPlans.Plan(name, "base", "m", Map.of())).getMessage();
            assertTrue(message.startsWith("a plan's name is 1 to 64 letters"), message);
        }
    }
}
