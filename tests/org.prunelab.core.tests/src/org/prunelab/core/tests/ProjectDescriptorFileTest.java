package org.prunelab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectDescriptorFile;
import org.prunelab.runtime.data.Normalization;

/**
 * prunelab.json: what is written, what is read back, and what a broken file is told.
 */
class ProjectDescriptorFileTest {

    private static final Instant CREATED = Instant.parse("2026-11-22T10:15:30Z");

    @Test
    void writesTheDocumentedFormat() throws IOException {
        StringWriter out = new StringWriter();
        ProjectDescriptorFile.write(ProjectDescriptor.newProject("fmnist", "VGG vs ResNet", CREATED), out);
        assertEquals("""
                {
                  "format": 1,
                  "name": "fmnist",
                  "description": "VGG vs ResNet",
                  "created": "2026-11-22T10:15:30Z",
                  "dataset": null,
                  "models": []
                }
                """, out.toString());
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        ProjectDescriptor written = new ProjectDescriptor(1, "cifar", "", CREATED, new DatasetSpec("cifar10",
                "datasets/cifar10", Normalization.CIFAR10), List.of("vgg16", "resnet20"));
        StringWriter out = new StringWriter();
        ProjectDescriptorFile.write(written, out);
        assertEquals(written, ProjectDescriptorFile.read(new StringReader(out.toString())));
    }

    @Test
    void missingFieldIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectDescriptorFile.read(new StringReader("{\"format\":1,\"created\":\"2026-11-22T10:15:30Z\"}")));
        assertEquals("the field 'name' is missing", e.getMessage());
    }

    @Test
    void newerFormatIsRefusedSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectDescriptorFile
                .read(new StringReader("{\"format\":2,\"name\":\"x\",\"created\":\"2026-11-22T10:15:30Z\"}")));
        assertTrue(e.getMessage().contains("newer PruneLab"), e.getMessage());
    }

    @Test
    void truncatedJsonIsReportedAsInvalid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectDescriptorFile.read(new StringReader("{\"format\":1,\"name\":\"x\",")));
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
    }

    @Test
    void badTimestampIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectDescriptorFile
                .read(new StringReader("{\"format\":1,\"name\":\"x\",\"created\":\"yesterday\"}")));
        assertTrue(e.getMessage().contains("'created'"), e.getMessage());
    }
}
