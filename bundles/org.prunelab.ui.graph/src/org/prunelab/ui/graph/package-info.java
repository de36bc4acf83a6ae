/**
 * The model graph: a network's layers laid out top to bottom by ELK layered, as plain Java that runs
 * without a window ({@link org.prunelab.ui.graph.LayerGraphLayout}), and the Model Graph view that draws
 * the result with Draw2d.
 */
package org.prunelab.ui.graph;
