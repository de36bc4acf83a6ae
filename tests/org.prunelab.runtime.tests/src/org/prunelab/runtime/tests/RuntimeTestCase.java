package org.prunelab.runtime.tests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import ai.djl.ndarray.NDManager;

/**
 * Tests that compute: one root manager of the runtime service per test class, closed after it.
 */
abstract class RuntimeTestCase {

    /** The test class's manager; every array and model of the class lives under it. */
    static NDManager manager;

    @BeforeAll
    static void openManager() throws InterruptedException {
        manager = RuntimeServices.modelRuntime().newManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }
}
