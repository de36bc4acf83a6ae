package org.prunelab.ui.sparklines;

/**
 * A baseline class and a compared class, as a click on a sparkline cell selects them.
 *
 * @param baseline class A, the cell's row
 * @param compared class B, the cell's column
 */
public record ClassPair(int baseline, int compared) {
}
