/**
 * Pruning strategies: the API a strategy plug-in implements, the registry of the
 * {@code org.prunelab.core.strategies} extension point, and the planning helpers strategies share.
 */
package org.prunelab.core.strategies;
