/**
 * ONNX models in: an ONNX file's graph becomes PruneLab's network IR and its initializers the weights,
 * read with protobuf-java's wire-format reader (no generated classes, nothing executed).
 */
package org.prunelab.runtime.onnx;
