/**
 * The PruneLab workbench: its perspective, the ids other UI bundles place their views by, and what every
 * view shares: publishing a selection, running its computations as jobs of which the latest request wins,
 * and dropping a version that was deleted.
 */
package org.prunelab.ui;
