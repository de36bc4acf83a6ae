/**
 * The RCP application: start-up, workspace, window, menus.
 */
package org.prunelab.ui.internal;
