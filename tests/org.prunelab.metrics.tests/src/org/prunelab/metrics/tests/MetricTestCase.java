package org.prunelab.metrics.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.runtime.ModelRuntime;

import ai.djl.ndarray.NDManager;

/**
 * Metric tests: the registry service, and one runtime manager per test class.
 */
abstract class MetricTestCase {

    /** The test class's manager. */
    static NDManager manager;

    /** The metric registry, as the product's bundles get it. */
    static MetricRegistry registry;

    @BeforeAll
    static void openServices() throws InterruptedException {
        manager = Services.get(ModelRuntime.class).newManager();
        registry = Services.get(MetricRegistry.class);
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
