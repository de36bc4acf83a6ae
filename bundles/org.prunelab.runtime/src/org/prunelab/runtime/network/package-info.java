/**
 * The network IR: a JSON-serialisable graph of layers with shape inference. Architectures are built,
 * saved, pruned and drawn from it; the executor runs it.
 */
package org.prunelab.runtime.network;
