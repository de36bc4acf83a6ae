/**
 * A minimal custom importance metric: the template a lab copies to contribute its own (docs/EXTENDING.md).
 */
package org.prunelab.examples.metric;
