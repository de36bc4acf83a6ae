/**
 * What the Project Explorer offers for PruneLab's projects in place of the IDE's project management.
 */
package org.prunelab.ui.internal.navigator;
