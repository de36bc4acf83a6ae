/**
 * Analyses: headless computations over one or two versions of a model and the project's test set,
 * contributed through the extension point {@code org.prunelab.core.analyses}. {@link AnalysisService}
 * runs them in isolation and stores each result with the version it describes, reused until its inputs
 * (the versions' weights, the dataset, the settings) change; views only render stored results.
 */
package org.prunelab.core.analyses;
