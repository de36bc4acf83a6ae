/**
 * Wizards that create PruneLab resources.
 */
package org.prunelab.ui.internal.wizards;
