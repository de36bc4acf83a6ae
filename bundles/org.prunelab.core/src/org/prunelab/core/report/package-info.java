/**
 * The project report: one self-contained HTML page per project with its lineages, versions, figures and
 * tables, written from what the project has stored, for the workbench and the command line alike.
 */
package org.prunelab.core.report;
