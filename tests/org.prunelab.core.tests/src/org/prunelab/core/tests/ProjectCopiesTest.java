package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.core.project.ProjectCopies;
import org.prunelab.core.project.ProjectFolder;

/**
 * The workspace's copy of the demo gets the models the demo gained since, and keeps what it has.
 */
class ProjectCopiesTest {

    @TempDir
    Path dir;

    @Test
    void aCopyGetsTheSourcesNewModelsAndKeepsItsOwn() throws Exception {
        Path source = dir.resolve("demo");
        ProjectFolder.create(source, "demo", "").update(d -> d.withModel("vgg").withModel("resnet").withModel("gone"));
        Files.createDirectories(source.resolve("models/vgg/base"));
        Files.writeString(source.resolve("models/vgg/base/weights.bin"), "the demo's vgg");
        Files.createDirectories(source.resolve("models/resnet/base"));
        Files.writeString(source.resolve("models/resnet/base/weights.bin"), "the demo's resnet");
        Files.createDirectories(source.resolve("models/resnet/v1"));
        Files.writeString(source.resolve("models/resnet/v1/recipe.json"), "{}");

        // copied when the demo had only its vgg, which was then pruned in the copy
        Path copy = dir.resolve("workspace/demo");
        ProjectFolder.create(copy, "demo", "").update(d -> d.withModel("vgg"));
        Files.createDirectories(copy.resolve("models/vgg/v7"));
        Files.writeString(copy.resolve("models/vgg/v7/weights.bin"), "pruned in the copy");

        assertEquals(List.of("resnet"), ProjectCopies.addMissingModels(source, copy));
        assertEquals(List.of("vgg", "resnet"), ProjectFolder.open(copy).descriptor().models());
        assertEquals("the demo's resnet", Files.readString(copy.resolve("models/resnet/base/weights.bin")));
        assertEquals("{}", Files.readString(copy.resolve("models/resnet/v1/recipe.json")));
        assertEquals("pruned in the copy", Files.readString(copy.resolve("models/vgg/v7/weights.bin")));
        assertFalse(Files.exists(copy.resolve("models/vgg/base")), "the copy's own model is not touched");
        assertFalse(Files.exists(copy.resolve("models/.resnet.partial")));

        // nothing new the second time
        assertEquals(List.of(), ProjectCopies.addMissingModels(source, copy));
    }
}
