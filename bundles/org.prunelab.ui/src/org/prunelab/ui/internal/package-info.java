/**
 * The RCP application (start-up, workspace, window, menus), and what the PruneLab UI bundles share
 * internally: service look-up and the jobs that work on a project's versions.
 */
package org.prunelab.ui.internal;
