/**
 * Wizards that create PruneLab resources: new projects, and pruned versions (with a preview of the plan
 * before anything is pruned).
 */
package org.prunelab.ui.internal.wizards;
