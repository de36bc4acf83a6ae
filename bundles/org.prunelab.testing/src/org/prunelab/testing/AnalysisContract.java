package org.prunelab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.analyses.AnalysisDescriptor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.contributions.SettingsJson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;

import ai.djl.ndarray.NDManager;

/**
 * The contract of {@code org.prunelab.core.analyses}, held against every installed analysis on a
 * {@link ContractProject}: its default settings survive being stored as JSON; it returns a result that is
 * stored and handed out again without running; it is deterministic (the same inputs give the same JSON);
 * and it stops, storing nothing, when cancelled. A lab's test fragment extends this class, and may
 * override {@link #analyses()} to choose which are held to it.
 */
public abstract class AnalysisContract {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private static ContractProject project;
    private static ServiceTracker<AnalysisRegistry, AnalysisRegistry> registry;

    /**
     * Makes the project and finds the registry.
     *
     * @throws Exception if the project cannot be made
     */
    @BeforeAll
    static void createProject() throws Exception {
        project = ContractProject.create();
        registry = new ServiceTracker<>(FrameworkUtil.getBundle(AnalysisContract.class).getBundleContext(),
                AnalysisRegistry.class, null);
        registry.open();
        assertNotNull(registry.waitForService(60_000), "the analysis registry service");
    }

    /**
     * Deletes the project.
     *
     * @throws Exception if it cannot be deleted
     */
    @AfterAll
    static void deleteProject() throws Exception {
        registry.close();
        project.close();
    }

    /**
     * The analyses held to the contract: by default every installed one.
     *
     * @return their descriptors
     */
    protected List<AnalysisDescriptor> analyses() {
        return registry().descriptors();
    }

    /**
     * The installed analyses.
     *
     * @return the registry
     */
    protected static AnalysisRegistry registry() {
        return registry.getService();
    }

    /**
     * Every analysis, one test each.
     *
     * @return the tests
     */
    @TestFactory
    Stream<DynamicTest> everyAnalysisStoresADeterministicResultAndStopsWhenCancelled() {
        List<DynamicTest> tests = new ArrayList<>();
        assertFalse(analyses().isEmpty(), "no analysis is installed");
        for (AnalysisDescriptor descriptor : analyses()) {
            tests.add(dynamicTest(descriptor.id(), () -> holds(descriptor)));
        }
        return tests.stream();
    }

    private static void holds(AnalysisDescriptor descriptor) throws Exception {
        var versions = project.versions(descriptor.versions());
        AnalysisService.Request request = AnalysisService.request(registry(), descriptor.id(), (JsonElement) null);
        Record defaults = request.settings();
        assertEquals(defaults, SettingsJson.merge(defaults, SettingsJson.toJson(defaults), descriptor.id()),
                "the default settings read back from their JSON");
        try (NDManager manager = project.newManager()) {
            NullProgressMonitor cancelled = new NullProgressMonitor();
            cancelled.setCanceled(true);
            assertThrows(OperationCanceledException.class,
                    () -> AnalysisService.run(request, versions, project.data(), manager, cancelled), "cancelled");
            assertTrue(AnalysisService.stored(request, versions, project.data()).isEmpty(),
                    "a cancelled analysis stores nothing");

            AnalysisService.Stored<Record> first = AnalysisService.run(request, versions, project.data(), manager,
                    new NullProgressMonitor());
            assertFalse(first.reused(), "computed the first time");
            assertTrue(Files.isRegularFile(first.file()), "stored in " + first.file());
            assertTrue(first.file().startsWith(versions.get(versions.size() - 1).directory()),
                    "stored with the version it describes");
            AnalysisService.Stored<Record> again = AnalysisService.run(request, versions, project.data(), manager,
                    new NullProgressMonitor());
            assertTrue(again.reused(), "handed out again without running");
            assertEquals(GSON.toJson(first.result()), GSON.toJson(again.result()), "the stored result reads back");

            Files.delete(first.file());
            AnalysisService.Stored<Record> recomputed = AnalysisService.run(request, versions, project.data(), manager,
                    new NullProgressMonitor());
            assertFalse(recomputed.reused());
            assertEquals(GSON.toJson(first.result()), GSON.toJson(recomputed.result()), "deterministic");
        }
    }
}
