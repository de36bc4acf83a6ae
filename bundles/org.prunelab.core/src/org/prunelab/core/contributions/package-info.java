/**
 * What the registries of PruneLab's extension points share: reading descriptors before any class loads,
 * and running contributed code in isolation so that a failing plug-in fails only its own job.
 */
package org.prunelab.core.contributions;
