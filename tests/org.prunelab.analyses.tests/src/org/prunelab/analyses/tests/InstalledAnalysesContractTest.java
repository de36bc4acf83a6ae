package org.prunelab.analyses.tests;

import java.util.List;

import org.prunelab.core.analyses.AnalysisDescriptor;
import org.prunelab.testing.AnalysisContract;

/**
 * The contract on every installed analysis: the built-in CAM comparison, the example plug-in's, and this
 * fragment's counting one (its throwing one breaks the contract on purpose).
 */
class InstalledAnalysesContractTest extends AnalysisContract {

    @Override
    protected List<AnalysisDescriptor> analyses() {
        return registry().descriptors().stream().filter(d -> !d.id().equals("org.prunelab.analyses.tests.throwing"))
                .toList();
    }
}
