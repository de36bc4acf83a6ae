/**
 * Class-activation maps: where in an image a network looks when it predicts a class. Grad-CAM and
 * Grad-CAM++ of any convolution, computed per batch, upsampled to the input's size.
 */
package org.prunelab.runtime.cam;
