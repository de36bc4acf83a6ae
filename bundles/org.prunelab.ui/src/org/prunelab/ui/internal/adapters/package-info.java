/**
 * Adapters that let the workbench's generic views take part: the Properties view's pages of versions and
 * layers, and the version a folder of the Project Explorer holds, so that selecting it there shows it in
 * every PruneLab view.
 */
package org.prunelab.ui.internal.adapters;
