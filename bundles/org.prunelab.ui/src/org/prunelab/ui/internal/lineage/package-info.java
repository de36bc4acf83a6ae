/**
 * The exploration tree: the lineage of a project's model versions, drawn as a node-link tree, and the
 * commands of its context menu on one version (fine-tune, compare, rename, delete, export), each running
 * its work in a job of the version's project.
 */
package org.prunelab.ui.internal.lineage;
