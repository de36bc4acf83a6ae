package org.prunelab.core.analyses;

import org.prunelab.core.contributions.Contribution;

/**
 * An analysis as its plug-in declares it, known before its class loads.
 *
 * @param contribution id, name, description, category, plug-in
 * @param versions how many versions it takes: 1, or 2 (a baseline and a version compared with it)
 */
public record AnalysisDescriptor(Contribution contribution, int versions) {

    /**
     * The analysis's id.
     *
     * @return e.g. "org.prunelab.analyses.camComparison"
     */
    public String id() {
        return contribution.id();
    }

    /**
     * The analysis's display name.
     *
     * @return e.g. "CAM comparison (Sp2PS)"
     */
    public String name() {
        return contribution.name();
    }
}
