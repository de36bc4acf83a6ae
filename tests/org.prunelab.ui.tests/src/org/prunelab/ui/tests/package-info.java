/**
 * Tests run inside the real PruneLab workbench, on its UI thread.
 */
package org.prunelab.ui.tests;
