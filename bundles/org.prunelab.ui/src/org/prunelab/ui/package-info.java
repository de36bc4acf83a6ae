/**
 * The PruneLab workbench: its perspective and the ids other UI bundles place their views by.
 */
package org.prunelab.ui;
