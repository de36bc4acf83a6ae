/**
 * The Properties view's pages for PruneLab's selections: a version's recipe and evaluation, and a selected
 * layer with its version.
 */
package org.prunelab.ui.internal.properties;
