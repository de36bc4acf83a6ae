package org.prunelab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prunelab.runtime.model.ModelFileException;
import org.prunelab.runtime.network.Layer;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.network.NetworkJson;
import org.prunelab.runtime.network.Op;

/**
 * The networks {@code --arch} names: the built-ins at the dataset's image shape, conv bias, ResNets of any
 * depth 6n+2, and any network given as a JSON file.
 */
class ArchitectureArgumentTest {

    private static final List<Integer> GREY = List.of(1, 28, 28);

    @TempDir
    Path dir;

    @Test
    void aResnetOfAnyDepthOnTheDatasetsImages() {
        Network resnet = PruneLabCli.architecture("resnet:14", GREY, 10);
        assertEquals(GREY, resnet.inputShape());
        // a stem, then 3 stages of 2 blocks of 2 convolutions, and two projection shortcuts
        assertEquals(1 + 3 * 2 * 2 + 2, resnet.layersOf(Op.Conv2d.class).size());
        assertEquals(List.of(64, 7, 7), resnet.shapes().get("s3.b2.relu2"));
        assertEquals(List.of(10), resnet.shapes().get("fc"));
        assertEquals(List.of(3, 32, 32), PruneLabCli.architecture("resnet20", List.of(3, 32, 32), 10).inputShape());
        UsageException depth = assertThrows(UsageException.class, () -> PruneLabCli.architecture("resnet:15", GREY, 10));
        assertTrue(depth.getMessage().contains("6n+2"), depth.getMessage());
        assertThrows(UsageException.class, () -> PruneLabCli.architecture("resnet:x", GREY, 10));
    }

    @Test
    void plusBiasGivesTheConvolutionsABiasAsPyTorchDoes() {
        Network plain = PruneLabCli.architecture("small-vgg:8,8,16,16", GREY, 10);
        Network biased = PruneLabCli.architecture("small-vgg:8,8,16,16+bias", GREY, 10);
        for (Layer conv : biased.layersOf(Op.Conv2d.class)) {
            assertTrue(((Op.Conv2d) conv.op()).bias(), conv.id());
        }
        assertTrue(plain.layersOf(Op.Conv2d.class).stream().noneMatch(l -> ((Op.Conv2d) l.op()).bias()));
        assertThrows(UsageException.class, () -> PruneLabCli.architecture("resnet:14+bias", GREY, 10));
    }

    @Test
    void aNetworkFileDescribesAnyNetwork() throws Exception {
        Network network = PruneLabCli.architecture("resnet:8", GREY, 4);
        Path file = dir.resolve("mine.json");
        Files.writeString(file, NetworkJson.toJson(network));
        assertEquals(network, PruneLabCli.architecture(file.toString(), List.of(3, 32, 32), 10));
        Files.writeString(file, "{\"name\": \"broken\"");
        ModelFileException broken = assertThrows(ModelFileException.class,
                () -> PruneLabCli.architecture(file.toString(), GREY, 10));
        assertTrue(broken.getMessage().contains("mine.json"), broken.getMessage());
    }
}
