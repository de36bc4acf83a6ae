package org.prunelab.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prunelab.ui.internal.NaturalOrder;

/** Versions and classes are listed as people count. */
class NaturalOrderTest {

    @Test
    void numbersInTextsCountByTheirValue() {
        List<String> ids = new ArrayList<>(List.of("v10", "v2", "base", "v1", "v02", "V3", "v2b", "layer10.conv", "layer9.conv"));
        ids.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("base", "layer9.conv", "layer10.conv", "v1", "v02", "v2", "v2b", "V3", "v10"), ids);
    }
}
