package org.prunelab.runtime.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.prunelab.runtime.data.Batch;
import org.prunelab.runtime.data.Batches;
import org.prunelab.runtime.data.Dataset;
import org.prunelab.runtime.data.Normalization;
import org.prunelab.runtime.model.Executor;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.model.ParameterSpecs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Trains, fine-tunes and evaluates {@link NetworkModel}s. Cancellation is checked between batches; a
 * cancelled training leaves the model part-trained, so callers train a copy when the original matters.
 */
public final class ModelTraining {

    /** About how often an epoch's running means are reported to a {@link TrainingListener}. */
    public static final int REPORTS_PER_EPOCH = 20;

    private ModelTraining() {
    }

    /**
     * Trains a model in place.
     *
     * @param model the model; its weights change
     * @param train the training set
     * @param validation evaluated after every epoch, or null
     * @param normalization applied to the images of both sets
     * @param settings optimiser, schedule, epochs, batch size, seed
     * @param monitor progress and cancellation (one unit per batch)
     * @return one record per epoch
     * @throws IllegalArgumentException if the training set is empty or its images do not fit the network
     * @throws TrainingDivergedException at the first batch whose loss is NaN or infinite, or after an epoch
     *             that left a weight so; the model is then unusable and must not be stored
     * @throws NonFiniteLogitsException if the model gives non-finite logits on the validation set
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static List<EpochRecord> train(NetworkModel model, Dataset train, Dataset validation,
            Normalization normalization, TrainingSettings settings, IProgressMonitor monitor) {
        return train(model, train, validation, normalization, settings, TrainingListener.NONE, monitor);
    }

    /**
     * Trains a model in place, telling a listener how it goes: the running means every
     * {@link #batchesPerReport} batches and at the end of each epoch, and each epoch's record.
     *
     * @param model the model; its weights change
     * @param train the training set
     * @param validation evaluated after every epoch, or null
     * @param normalization applied to the images of both sets
     * @param settings optimiser, schedule, epochs, batch size, seed
     * @param listener told of the training's progress, on this thread
     * @param monitor progress and cancellation (one unit per batch)
     * @return one record per epoch, those the listener was given
     * @throws IllegalArgumentException if the training set is empty or its images do not fit the network
     * @throws TrainingDivergedException at the first batch whose loss is NaN or infinite, or after an epoch
     *             that left a weight so; the model is then unusable and must not be stored
     * @throws NonFiniteLogitsException if the model gives non-finite logits on the validation set
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static List<EpochRecord> train(NetworkModel model, Dataset train, Dataset validation,
            Normalization normalization, TrainingSettings settings, TrainingListener listener,
            IProgressMonitor monitor) {
        return train(model, null, train, validation, normalization, settings, listener, monitor);
    }

    /**
     * Trains a model in place, distilling a teacher's logits when the settings ask for it (see
     * {@link #distillationLoss}); the epochs' reported loss stays the cross-entropy on the labels, so that
     * trainings with and without distillation compare.
     *
     * @param model the model; its weights change
     * @param teacher the network whose softened predictions the model learns (the version pruned), in
     *            inference mode and unchanged; null without distillation
     * @param train the training set
     * @param validation evaluated after every epoch, or null
     * @param normalization applied to the images of both sets
     * @param settings optimiser, schedule, epochs, batch size, seed, distillation
     * @param listener told of the training's progress, on this thread
     * @param monitor progress and cancellation (one unit per batch)
     * @return one record per epoch, those the listener was given
     * @throws IllegalArgumentException if the training set is empty, its images do not fit the network, or
     *             the settings distil without a teacher or with one of other classes
     * @throws TrainingDivergedException at the first batch whose loss is NaN or infinite, or after an epoch
     *             that left a weight so; the model is then unusable and must not be stored
     * @throws NonFiniteLogitsException if the model gives non-finite logits on the validation set
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static List<EpochRecord> train(NetworkModel model, NetworkModel teacher, Dataset train,
            Dataset validation, Normalization normalization, TrainingSettings settings, TrainingListener listener,
            IProgressMonitor monitor) {
        if (settings.distills() && teacher == null) {
            throw new IllegalArgumentException("distillation needs a teacher: the version that was pruned");
        }
        if (settings.distills() && teacher.network().classes() != model.network().classes()) {
            throw new IllegalArgumentException("the teacher tells " + teacher.network().classes()
                    + " classes apart, the network trained " + model.network().classes());
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training set " + train.name() + " is empty");
        }
        checkFits(model, train);
        int stepsPerEpoch = (train.size() + settings.batchSize() - 1) / settings.batchSize();
        int validationBatches = validation == null ? 0 : (validation.size() + 255) / 256;
        SubMonitor sub = SubMonitor.convert(monitor, "Training " + model.network().name(),
                settings.epochs() * (stepsPerEpoch + validationBatches));
        Optimizer optimizer = optimizer(settings, stepsPerEpoch);
        Map<String, NDArray> trainable = new LinkedHashMap<>();
        model.parameters().forEach((name, array) -> {
            if (ParameterSpecs.isTrainable(name)) {
                trainable.put(name, array);
            }
        });
        trainable.values().forEach(array -> array.setRequiresGradient(true));
        int reportEvery = batchesPerReport(stepsPerEpoch);
        listener.started(settings.epochs(), stepsPerEpoch, validation == null ? 0 : validation.size());
        List<EpochRecord> history = new ArrayList<>();
        try {
            for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                sub.subTask("epoch " + epoch + " of " + settings.epochs());
                long start = System.nanoTime();
                double lossSum = 0;
                long correct = 0;
                int seen = 0;
                Batches batches = new Batches(train, settings.batchSize(), normalization, settings.seed() + epoch,
                        settings.augment());
                Iterator<Batch> it = batches.iterator(model.manager());
                int batchNumber = 0;
                while (it.hasNext()) {
                    sub.split(1);
                    batchNumber++;
                    try (Batch batch = it.next();
                            GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
                        NDArray logits = Executor.logits(model, batch.images(), true);
                        NDArray crossEntropy = crossEntropy(logits, batch.labels());
                        NDArray loss = settings.distills() ? distillationLoss(logits,
                                Executor.logits(teacher, batch.images(), false), batch.labels(),
                                settings.distillTemperature(), settings.distillWeight()) : crossEntropy;
                        // the scalar is read for the epoch's mean anyway: checking it costs nothing, and a
                        // non-finite loss would turn every weight NaN at this very update
                        float batchLoss = crossEntropy.getFloat();
                        float trained = settings.distills() ? loss.getFloat() : batchLoss;
                        if (!Float.isFinite(trained)) {
                            throw new TrainingDivergedException(epoch, batchNumber, "the loss is " + trained,
                                    settings.learningRate());
                        }
                        collector.backward(loss);
                        lossSum += batchLoss * batch.size();
                        correct += correctCount(logits, batch.labels());
                        seen += batch.size();
                        for (Map.Entry<String, NDArray> entry : trainable.entrySet()) {
                            try (NDArray gradient = entry.getValue().getGradient()) {
                                optimizer.update(entry.getKey(), entry.getValue(), gradient);
                                gradient.subi(gradient);
                            }
                        }
                    }
                    // the running means come from the sums the epoch keeps anyway: reporting them reads nothing more
                    // from the engine
                    if (batchNumber % reportEvery == 0 || !it.hasNext()) {
                        listener.progressed(new BatchProgress(epoch, batchNumber, stepsPerEpoch, lossSum / seen,
                                (double) correct / seen));
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                // the last update of an epoch is not followed by a loss that would show it: check the weights
                // once per epoch
                requireFiniteWeights(model, epoch, batchNumber, settings.learningRate());
                double validationLoss = Double.NaN;
                double validationAccuracy = Double.NaN;
                if (validation != null) {
                    EvaluationResult result = evaluate(model, validation, normalization, 256, sub.split(validationBatches));
                    validationLoss = result.loss();
                    validationAccuracy = result.accuracy();
                }
                EpochRecord record = new EpochRecord(epoch, lossSum / seen, (double) correct / seen, validationLoss,
                        validationAccuracy, seconds);
                history.add(record);
                listener.epochFinished(record);
            }
        } finally {
            // gradients are only needed while training: free them
            trainable.values().forEach(array -> array.setRequiresGradient(false));
        }
        return history;
    }

    /**
     * How many batches go between two reports of an epoch's running means: about {@value #REPORTS_PER_EPOCH}
     * reports an epoch, every batch of a short one.
     *
     * @param batchesPerEpoch the batches of an epoch
     * @return the batches between reports, at least 1
     */
    public static int batchesPerReport(int batchesPerEpoch) {
        return Math.max(1, batchesPerEpoch / REPORTS_PER_EPOCH);
    }

    /**
     * Evaluates a model (batch norm in inference mode, no dropout). The next batch is read (and, for a
     * {@link org.prunelab.runtime.corruption.CorruptedDataset}, corrupted) on a thread of the evaluation's own
     * while the network runs the current one; the dataset is still read by one thread at a time, in order,
     * and no more once this returns or throws.
     *
     * @param model the model
     * @param dataset the samples
     * @param normalization applied to the images
     * @param batchSize samples per batch
     * @param monitor progress and cancellation (one unit per batch)
     * @return accuracy, loss, per-class accuracy, confusion matrix and per-sample predictions
     * @throws IllegalArgumentException if the dataset is empty or its images do not fit the network
     * @throws NonFiniteLogitsException if the model's logits are NaN or infinite
     * @throws org.eclipse.core.runtime.OperationCanceledException if cancelled
     */
    public static EvaluationResult evaluate(NetworkModel model, Dataset dataset, Normalization normalization,
            int batchSize, IProgressMonitor monitor) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("the dataset " + dataset.name() + " is empty");
        }
        checkFits(model, dataset);
        Batches batches = Batches.inOrder(dataset, batchSize, normalization);
        SubMonitor sub = SubMonitor.convert(monitor, "Evaluating " + model.network().name(), batches.count());
        int classes = model.network().classes();
        int[][] confusion = new int[classes][classes];
        List<Prediction> predictions = new ArrayList<>(dataset.size());
        double lossSum = 0;
        try (NDManager scope = model.manager().newSubManager();
                PrefetchedBatches it = new PrefetchedBatches(dataset, batchSize, normalization)) {
            while (it.hasNext()) {
                sub.split(1);
                try (Batch batch = it.next(scope)) {
                    NDArray logits = Executor.logits(model, batch.images(), false);
                    // one NaN or infinite logit makes its row's loss, and so the batch's mean, non-finite
                    float batchLoss = crossEntropy(logits, batch.labels()).getFloat();
                    if (!Float.isFinite(batchLoss)) {
                        throw new NonFiniteLogitsException(model.network().name(), dataset.name(),
                                batch.indices()[0], batch.indices()[batch.size() - 1]);
                    }
                    lossSum += batchLoss * batch.size();
                    NDArray probabilities = logits.softmax(1);
                    long[] predicted = probabilities.argMax(1).toLongArray();
                    float[] confidence = probabilities.max(new int[] {1}).toFloatArray();
                    int[] labels = batch.labels().toIntArray();
                    for (int i = 0; i < batch.size(); i++) {
                        int p = (int) predicted[i];
                        confusion[labels[i]][p]++;
                        predictions.add(new Prediction(batch.indices()[i], labels[i], p, confidence[i]));
                    }
                }
            }
        }
        long correct = 0;
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            int total = 0;
            for (int p = 0; p < classes; p++) {
                total += confusion[c][p];
            }
            correct += confusion[c][c];
            perClass[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return new EvaluationResult((double) correct / dataset.size(), lossSum / dataset.size(), perClass, confusion,
                predictions);
    }

    /**
     * Mean softmax cross-entropy.
     *
     * @param logits [batch, classes]
     * @param labels [batch] class indices
     * @return a scalar
     */
    /**
     * The loss of knowledge distillation (Hinton et al. 2015): {@code (1 − α)·CE(student, labels) +
     * α·T²·KL(softmax(teacher/T) ‖ softmax(student/T))}, the KL divergence summed over classes and averaged
     * over the batch; T² keeps the soft targets' gradients at the scale of the hard ones'.
     *
     * @param logits the student's logits [batch, classes]
     * @param teacherLogits the teacher's logits on the same images
     * @param labels class indices [batch]
     * @param temperature T, positive
     * @param weight α, in [0, 1]
     * @return the scalar loss
     */
    public static NDArray distillationLoss(NDArray logits, NDArray teacherLogits, NDArray labels, double temperature,
            double weight) {
        // float scalars: a double would turn the loss, and so the gradients, into float64
        float t = (float) temperature;
        NDArray teacherLog = teacherLogits.div(t).logSoftmax(1);
        NDArray studentLog = logits.div(t).logSoftmax(1);
        NDArray kl = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1}).mean();
        return crossEntropy(logits, labels).mul((float) (1 - weight)).add(kl.mul((float) (weight * t * t)));
    }

    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().get(1);
        return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] {1}).neg().mean();
    }

    private static void requireFiniteWeights(NetworkModel model, int epoch, int batch, double learningRate) {
        for (Map.Entry<String, NDArray> entry : model.parameters().entrySet()) {
            if (!isFinite(entry.getValue())) {
                throw new TrainingDivergedException(epoch, batch, "parameter '" + entry.getKey()
                        + "' became NaN or infinite", learningRate);
            }
        }
    }

    private static boolean isFinite(NDArray array) {
        // closed at once: the flags would otherwise live in the model's manager until the model is closed
        try (NDArray nan = array.isNaN(); NDArray infinite = array.isInfinite();
                NDArray either = nan.logicalOr(infinite); NDArray any = either.any()) {
            return !any.getBoolean();
        }
    }

    private static long correctCount(NDArray logits, NDArray labels) {
        return logits.argMax(1).eq(labels.toType(DataType.INT64, false)).sum().getLong();
    }

    private static Optimizer optimizer(TrainingSettings settings, int stepsPerEpoch) {
        // DJL counts updates from 1, per parameter
        Tracker rate = update -> (float) settings.learningRateAt(update - 1, stepsPerEpoch);
        return switch (settings.optimizer()) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(rate).optMomentum((float) settings.momentum())
                    .optWeightDecays((float) settings.weightDecay()).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(rate).optWeightDecays((float) settings.weightDecay())
                    .build();
        };
    }

    private static void checkFits(NetworkModel model, Dataset dataset) {
        if (!dataset.imageShape().equals(model.network().inputShape())) {
            throw new IllegalArgumentException(dataset.name() + " has images of shape " + dataset.imageShape()
                    + ", network " + model.network().name() + " takes " + model.network().inputShape());
        }
        if (dataset.classNames().size() > model.network().classes()) {
            throw new IllegalArgumentException(dataset.name() + " has " + dataset.classNames().size()
                    + " classes, network " + model.network().name() + " scores " + model.network().classes());
        }
    }
}
