/**
 * PruneLab's built-in pruning strategies, each contributed to {@code org.prunelab.core.strategies} in
 * this bundle's plugin.xml.
 */
package org.prunelab.strategies;
