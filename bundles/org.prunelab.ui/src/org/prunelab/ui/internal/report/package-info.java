/**
 * The workbench's side of the project report: the command that asks where and writes it in a job.
 */
package org.prunelab.ui.internal.report;
