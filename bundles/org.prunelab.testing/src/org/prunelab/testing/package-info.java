/**
 * Contract suites for PruneLab plug-ins, for a lab's own test fragment: extend {@link AnalysisContract} to
 * hold every installed analysis (yours included) to the contract of {@code org.prunelab.core.analyses}.
 * {@link ContractProject} is the small project they run on.
 */
package org.prunelab.testing;
