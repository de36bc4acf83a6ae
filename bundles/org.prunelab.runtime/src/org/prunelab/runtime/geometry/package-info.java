/**
 * The geometry of the last feature layer, as the "Robustness Lottery" reads it: with x the vector that
 * enters the final linear layer and w_c that layer's row of class c, the logit is
 * ‖w_c‖‖x‖cos θ_c + b_c, so a sample is described by its length ‖x‖, its angles θ to the classes and its
 * margin to the nearest decision boundary.
 */
package org.prunelab.runtime.geometry;
