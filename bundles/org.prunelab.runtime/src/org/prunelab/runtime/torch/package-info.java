/**
 * Import of PyTorch weights: the zip archives written by {@code torch.save} (a state_dict) and by
 * {@code torch.jit.save} (TorchScript), read without Python, mapped onto a matching network IR.
 */
package org.prunelab.runtime.torch;
