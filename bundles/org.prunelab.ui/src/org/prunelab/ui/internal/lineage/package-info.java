/**
 * The exploration tree: the lineage of a project's model versions, drawn as a node-link tree.
 */
package org.prunelab.ui.internal.lineage;
