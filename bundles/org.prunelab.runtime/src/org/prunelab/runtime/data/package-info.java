/**
 * Labelled image datasets (IDX as for MNIST and Fashion-MNIST, CIFAR-10 binary, folders of images) and
 * their batching: normalisation, seeded shuffling, augmentation.
 */
package org.prunelab.runtime.data;
