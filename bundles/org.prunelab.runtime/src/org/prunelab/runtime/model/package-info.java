/**
 * Networks with weights: initialisation, the forward pass with taps on any layer, gradients with respect
 * to intermediate feature maps, complexity, and the model files.
 */
package org.prunelab.runtime.model;
