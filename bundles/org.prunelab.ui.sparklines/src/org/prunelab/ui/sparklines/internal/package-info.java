/**
 * The filter views' parts, canvases and jobs.
 */
package org.prunelab.ui.sparklines.internal;
