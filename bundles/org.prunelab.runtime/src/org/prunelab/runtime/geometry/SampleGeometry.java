package org.prunelab.runtime.geometry;

/**
 * One sample's place in the last feature layer.
 *
 * @param index the sample's index in its dataset
 * @param label its true class
 * @param predicted the class of the highest logit
 * @param length ‖x‖₂
 * @param angleTrue θ_y, the angle between x and the true class's weight row, in radians (NaN if x = 0)
 * @param anglePredicted θ of the predicted class, in radians
 * @param margin the signed distance to the nearest decision boundary of the true class,
 *            min_{j≠y} [(w_y − w_j)ᵀx + b_y − b_j] / ‖w_y − w_j‖: negative when misclassified
 * @param angularMargin min_{j≠y} θ_j − θ_y, in radians: negative when another class is closer in angle
 */
public record SampleGeometry(int index, int label, int predicted, double length, double angleTrue,
        double anglePredicted, double margin, double angularMargin) {

    /**
     * Whether the network classifies the sample right.
     *
     * @return predicted = label
     */
    public boolean correct() {
        return predicted == label;
    }
}
