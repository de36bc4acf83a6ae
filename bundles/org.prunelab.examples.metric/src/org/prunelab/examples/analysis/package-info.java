/**
 * A minimal custom analysis: the template a lab copies to contribute its own (docs/EXTENDING.md).
 */
package org.prunelab.examples.analysis;
