/**
 * Structural pruning: the channel-dependency groups of a network, pruning plans over them, and the
 * surgery that builds the physically smaller network with the kept weights.
 */
package org.prunelab.runtime.surgery;
