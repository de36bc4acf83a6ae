package org.prunelab.analyses.tests;

import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.testing.ContractProject;

import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * What the analyses' tests share: the contract project (a trained tiny network and its pruned child) made
 * once per test class, the running registry of installed analyses, and running one of them as the
 * workbench does.
 */
abstract class OnTheContractProject {

    static ContractProject project;
    static AnalysisRegistry registry;

    @BeforeAll
    static void createTheProject() throws Exception {
        project = ContractProject.create();
        registry = InstalledAnalyses.registry();
    }

    @AfterAll
    static void deleteTheProject() throws Exception {
        project.close();
    }

    /**
     * Runs an analysis through the service: its stored result if its inputs are unchanged.
     *
     * @param id the analysis
     * @param settings its settings as JSON, or null for the defaults
     * @param versions the versions, baseline first
     * @return the stored result
     * @throws Exception if the analysis fails
     */
    static AnalysisService.Stored<Record> run(String id, String settings, List<ModelVersion> versions)
            throws Exception {
        try (NDManager manager = project.newManager()) {
            return AnalysisService.run(AnalysisService.request(registry, id,
                    settings == null ? null : JsonParser.parseString(settings)), versions, project.data(), manager,
                    new NullProgressMonitor());
        }
    }
}
