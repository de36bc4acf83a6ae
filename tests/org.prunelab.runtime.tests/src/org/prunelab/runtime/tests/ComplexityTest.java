package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.prunelab.runtime.model.Complexity;
import org.prunelab.runtime.network.Architectures;

/**
 * Parameters and MACs against hand counts.
 */
class ComplexityTest {

    @Test
    void smallVggByHand() {
        // conv1 32·1·9 = 288, conv2 32·32·9 = 9216, conv3 64·32·9 = 18432, conv4 64·64·9 = 36864,
        // BN γβ 2·(32+32+64+64) = 384, fc 3136·10 + 10 = 31370: 96554
        // MACs: 28²·32·9 = 225792, 28²·32·288 = 7225344, 14²·64·288 = 3612672, 14²·64·576 = 7225344,
        // fc 31360: 18320512
        Complexity c = Complexity.of(NetworkTest.smallVgg());
        assertEquals(96_554, c.parameters());
        assertEquals(18_320_512, c.macs());
        assertEquals(36_641_024, c.flops());
    }

    @Test
    void vgg16BnAndResnetsByFormula() {
        // Σ 9·Cin·Cout + 2·Cout over the 13 convs, + 5130 for the classifier; MACs Σ H²·9·Cin·Cout + 5120
        assertEquals(new Complexity(14_724_042, 313_201_664), Complexity.of(Architectures.vgg16Bn(1, 10)));
        // basic blocks plus 1×1 projection shortcuts at the two down-sampling blocks
        assertEquals(new Complexity(272_474, 40_813_184), Complexity.of(Architectures.resnet20(10)));
        assertEquals(new Complexity(855_770, 125_747_840), Complexity.of(Architectures.resnet56(10)));
    }
}
