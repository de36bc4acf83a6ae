/**
 * Exporting views: PNG images of what a view shows, CSV files of its tables.
 */
package org.prunelab.ui.export;
