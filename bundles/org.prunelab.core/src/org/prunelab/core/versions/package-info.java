/**
 * Model versions of a project: each a directory holding the network, its weights, its evaluation and
 * the recipe that made it and, if it was trained, the history of that training, written atomically;
 * and the pruning service that makes new versions.
 */
package org.prunelab.core.versions;
