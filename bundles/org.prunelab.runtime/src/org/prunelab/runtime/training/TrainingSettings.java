package org.prunelab.runtime.training;

/**
 * How to train or fine-tune: optimiser, learning-rate schedule, epochs, batch size, seed. Saved with a
 * model version's recipe.
 *
 * @param optimizer SGD with momentum, or Adam
 * @param learningRate the initial learning rate
 * @param momentum SGD's momentum (ignored by Adam)
 * @param weightDecay L2 weight decay
 * @param schedule how the learning rate changes over the run
 * @param stepEpochs for {@link Schedule#STEP}: epochs between divisions of the rate by 10
 * @param epochs passes over the training set
 * @param batchSize samples per step
 * @param seed seeds the shuffling and the augmentation
 * @param augment random flips and crops (for CIFAR-style colour images)
 * @param distillTemperature the temperature T of knowledge distillation from a teacher (the version pruned),
 *            used when {@code distillWeight} is positive
 * @param distillWeight the share α of the loss that is distillation, in [0, 1]: the loss is
 *            (1 − α)·CE + α·T²·KL(softmax(teacher/T) ‖ softmax(student/T)); 0 trains on the labels alone
 *            (recipes written before distillation read as 0)
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, double momentum, double weightDecay,
        Schedule schedule, int stepEpochs, int epochs, int batchSize, long seed, boolean augment,
        double distillTemperature, double distillWeight) {

    /** The optimiser. */
    public enum Optimizer {
        /** Stochastic gradient descent with momentum. */
        SGD,
        /** Adam (Kingma and Ba 2015). */
        ADAM
    }

    /** The learning-rate schedule. */
    public enum Schedule {
        /** The same rate throughout. */
        CONSTANT,
        /** Divided by 10 every {@code stepEpochs} epochs. */
        STEP,
        /** Cosine decay from the initial rate to 0 over the run. */
        COSINE
    }

    /** Checks the values. */
    public TrainingSettings {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive, not " + learningRate);
        }
        if (epochs <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("epochs and batch size must be positive: " + epochs + ", " + batchSize);
        }
        if (momentum < 0 || momentum >= 1 || weightDecay < 0) {
            throw new IllegalArgumentException("momentum must be in [0, 1) and weight decay >= 0: " + momentum + ", "
                    + weightDecay);
        }
        if (schedule == Schedule.STEP && stepEpochs <= 0) {
            throw new IllegalArgumentException("a step schedule needs a positive step, not " + stepEpochs);
        }
        if (!(distillWeight >= 0 && distillWeight <= 1)) {
            throw new IllegalArgumentException("the distillation weight must be in [0, 1], not " + distillWeight);
        }
        if (distillWeight > 0 && !(distillTemperature > 0 && Double.isFinite(distillTemperature))) {
            throw new IllegalArgumentException("the distillation temperature must be positive, not "
                    + distillTemperature);
        }
    }

    /**
     * These settings with knowledge distillation from the version pruned.
     *
     * @param temperature T, positive (4 is usual)
     * @param weight α, in [0, 1]
     * @return the settings
     */
    public TrainingSettings withDistillation(double temperature, double weight) {
        return new TrainingSettings(optimizer, learningRate, momentum, weightDecay, schedule, stepEpochs, epochs,
                batchSize, seed, augment, temperature, weight);
    }

    /**
     * Whether the training distils a teacher.
     *
     * @return true if the distillation weight is positive
     */
    public boolean distills() {
        return distillWeight > 0;
    }

    /**
     * Adam at 1e-3, constant, batch 128: the recipe of the Fashion-MNIST demo.
     *
     * @param epochs passes over the training set
     * @param seed the seed
     * @return the settings
     */
    public static TrainingSettings adam(int epochs, long seed) {
        return adam(epochs, 1e-3, 128, seed);
    }

    /**
     * Adam at a constant rate, without weight decay or augmentation.
     *
     * @param epochs passes over the training set
     * @param learningRate the rate
     * @param batchSize samples per step
     * @param seed the seed
     * @return the settings
     */
    public static TrainingSettings adam(int epochs, double learningRate, int batchSize, long seed) {
        return new TrainingSettings(Optimizer.ADAM, learningRate, 0, 0, Schedule.CONSTANT, 0, epochs, batchSize, seed,
                false, 0, 0);
    }

    /**
     * SGD with momentum 0.9, weight decay 5e-4 and cosine decay: the usual CIFAR recipe.
     *
     * @param learningRate the initial rate (0.1 from scratch, 0.01 to fine-tune)
     * @param epochs passes over the training set
     * @param seed the seed
     * @return the settings
     */
    public static TrainingSettings sgdCosine(double learningRate, int epochs, long seed) {
        return new TrainingSettings(Optimizer.SGD, learningRate, 0.9, 5e-4, Schedule.COSINE, 0, epochs, 128, seed, true,
                0, 0);
    }

    /**
     * The learning rate at a step.
     *
     * @param step the update, from 0
     * @param stepsPerEpoch updates per epoch
     * @return the rate
     */
    public double learningRateAt(int step, int stepsPerEpoch) {
        return switch (schedule) {
            case CONSTANT -> learningRate;
            case STEP -> learningRate * Math.pow(0.1, step / (stepsPerEpoch * stepEpochs));
            case COSINE -> 0.5 * learningRate * (1 + Math.cos(Math.PI * Math.min(1.0, step / (double) (epochs * stepsPerEpoch))));
        };
    }
}
