/**
 * Rules about how PruneLab's bundles depend on each other, checked on the source tree.
 */
package org.prunelab.architecture.tests;
