/**
 * Image corruptions in the manner of ImageNet-C and MNIST-C, generated on the fly: noise, blur, digital
 * and geometric corruptions at severities 1–5, each deterministic from a seed and the image's index, so a
 * corrupted test set is the same in every run and is never written to disk. They act on each channel
 * alike and so apply to grey and colour images.
 */
package org.prunelab.runtime.corruption;
