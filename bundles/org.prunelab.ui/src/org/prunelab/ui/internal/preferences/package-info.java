/**
 * Preference pages of the workbench.
 */
package org.prunelab.ui.internal.preferences;
