/**
 * The Model Graph view: its job (reading a version's network and its root's, laying them out), the
 * table of layer facts, and the Draw2d figures it draws them with.
 */
package org.prunelab.ui.graph.internal;
