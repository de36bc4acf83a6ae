/**
 * The About dialog.
 */
package org.prunelab.ui.internal.about;
