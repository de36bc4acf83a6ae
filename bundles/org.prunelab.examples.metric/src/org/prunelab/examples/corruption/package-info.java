/**
 * An example image corruption: the template a lab copies to add its own to the robustness analyses.
 */
package org.prunelab.examples.corruption;
