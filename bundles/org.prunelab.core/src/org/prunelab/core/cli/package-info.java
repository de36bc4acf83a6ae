/**
 * The headless command-line application ({@code ./prunelab cli}): everything the workbench does to a
 * project, from a terminal or a cluster job.
 */
package org.prunelab.core.cli;
