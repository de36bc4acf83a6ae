/**
 * The image corruptions of the robustness analyses: the runtime's built-in ones and those plug-ins
 * contribute to {@code org.prunelab.core.corruptions}.
 */
package org.prunelab.core.corruptions;
