package org.prunelab.ui.internal.lineage;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.prunelab.runtime.training.TrainingSettings;

/**
 * The fields of a training schedule: optimiser (Adam, or SGD with momentum 0.9), learning-rate schedule
 * (constant, cosine, or divided by 10 after each third of the run), epochs, learning rate, batch size and
 * seed. The defaults are the demo's recipe: Adam at a constant 1e-3, batch 128, seed 1, one epoch.
 */
public final class TrainingScheduleFields {

    /** Epochs by default. */
    public static final int EPOCHS = 1;
    /** Learning rate by default: Adam's usual rate, which fine-tunes the demo's networks in an epoch. */
    public static final double LEARNING_RATE = 1e-3;
    /** Batch size by default. */
    public static final int BATCH_SIZE = 128;
    /** Seed by default. */
    public static final long SEED = 1;
    /** SGD's momentum. */
    private static final double MOMENTUM = 0.9;
    private static final List<String> OPTIMIZERS = List.of("Adam", "SGD with momentum 0.9");
    private static final List<String> SCHEDULES = List.of("constant", "cosine decay to 0",
            "step: ÷10 after each third of the epochs");

    /** The usual temperature of distillation (Hinton et al. 2015 use 2 to 20). */
    private static final double TEMPERATURE = 4;

    private final Composite body;
    private final Combo optimizer;
    private final Combo schedule;
    private final Spinner epochs;
    private final Text learningRate;
    private final Spinner batchSize;
    private final Text seed;
    /** The distillation's fields, or null where the training has no teacher. */
    private final Text distillWeight;
    private final Text temperature;

    /**
     * Creates the fields in a new composite, a label and its field per row.
     *
     * @param parent where they go
     * @param changed runs whenever a value changes
     */
    public TrainingScheduleFields(Composite parent, Runnable changed) {
        this(parent, changed, 1, false);
    }

    /**
     * Creates the fields in a new composite, some side by side: a wide dialog short of height lays them out
     * in three rows of two.
     *
     * @param parent where they go
     * @param changed runs whenever a value changes
     * @param perRow how many labelled fields a row holds
     * @param distillation whether the training can distil a teacher (a fine-tuning learns from the version
     *            pruned or fine-tuned): the fields of its weight and temperature
     */
    public TrainingScheduleFields(Composite parent, Runnable changed, int perRow, boolean distillation) {
        body = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2 * perRow).applyTo(body);
        optimizer = combo(body, "&Optimiser:", OPTIMIZERS);
        schedule = combo(body, "Sc&hedule:", SCHEDULES);
        epochs = spinner(body, "&Epochs:", EPOCHS, 1, 1000);
        learningRate = text(body, "&Learning rate:", String.valueOf(LEARNING_RATE));
        batchSize = spinner(body, "&Batch size:", BATCH_SIZE, 1, 8192);
        seed = text(body, "&Seed:", String.valueOf(SEED));
        if (distillation) {
            distillWeight = text(body, "&Distillation weight (0 = off):", "0");
            distillWeight.setToolTipText("The share α of the loss that learns the parent's softened predictions: "
                    + "(1 − α)·cross-entropy + α·T²·KL(teacher ‖ student); 0 trains on the labels alone");
            temperature = text(body, "&Temperature:", String.valueOf(TEMPERATURE));
            temperature.setToolTipText("T softens both networks' predictions before they are compared (4 is usual)");
        } else {
            distillWeight = null;
            temperature = null;
        }
        for (Control control : new Control[] {epochs, learningRate, batchSize, seed, distillWeight, temperature}) {
            if (control == null) {
                continue;
            }
            control.addListener(SWT.Modify, e -> changed.run());
        }
        for (Combo combo : List.of(optimizer, schedule)) {
            combo.addListener(SWT.Selection, e -> changed.run());
        }
    }

    private static Combo combo(Composite parent, String label, List<String> items) {
        new Label(parent, SWT.NONE).setText(label);
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        items.forEach(combo::add);
        combo.select(0);
        // as wide as the column, which its longest item would otherwise make wider than the dialogs' room
        GridDataFactory.fillDefaults().grab(true, false).hint(150, SWT.DEFAULT).applyTo(combo);
        return combo;
    }

    private static Spinner spinner(Composite parent, String label, int value, int min, int max) {
        new Label(parent, SWT.NONE).setText(label);
        Spinner spinner = new Spinner(parent, SWT.BORDER);
        spinner.setValues(value, min, max, 0, 1, 10);
        GridDataFactory.fillDefaults().hint(90, SWT.DEFAULT).applyTo(spinner);
        return spinner;
    }

    private static Text text(Composite parent, String label, String value) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setText(value);
        GridDataFactory.fillDefaults().hint(120, SWT.DEFAULT).applyTo(text);
        return text;
    }

    /**
     * The composite holding the fields.
     *
     * @return it
     */
    public Composite control() {
        return body;
    }

    /**
     * Enables or disables every field.
     *
     * @param enabled whether they can be edited
     */
    public void setEnabled(boolean enabled) {
        for (Control control : body.getChildren()) {
            control.setEnabled(enabled);
        }
    }

    /**
     * What is wrong with the values typed.
     *
     * @return a message naming the field, or empty if the values make a schedule
     */
    public Optional<String> problem() {
        double rate;
        try {
            rate = Double.parseDouble(learningRate.getText().strip());
        } catch (NumberFormatException e) {
            return Optional.of("The learning rate must be a number, e.g. 0.001, not '" + learningRate.getText() + "'.");
        }
        if (!(rate > 0 && rate < 10)) {
            return Optional.of("The learning rate must be positive and below 10, not " + rate + ".");
        }
        try {
            Long.parseLong(seed.getText().strip());
        } catch (NumberFormatException e) {
            return Optional.of("The seed must be a whole number, not '" + seed.getText() + "'.");
        }
        if (distillWeight != null) {
            double weight = number(distillWeight);
            if (!(weight >= 0 && weight <= 1)) {
                return Optional.of("The distillation weight is a share from 0 (off) to 1, not '" + distillWeight.getText()
                        + "'.");
            }
            double t = number(temperature);
            if (weight > 0 && !(t > 0 && t <= 1000)) {
                return Optional.of("The temperature must be positive (4 is usual), not '" + temperature.getText() + "'.");
            }
        }
        return Optional.empty();
    }

    /**
     * The schedule typed.
     *
     * @return the optimiser, schedule and values chosen
     * @throws IllegalArgumentException if {@link #problem()} is not empty
     */
    public TrainingSettings settings() {
        problem().ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        int runEpochs = epochs.getSelection();
        boolean sgd = optimizer.getSelectionIndex() == 1;
        TrainingSettings.Schedule chosen = switch (schedule.getSelectionIndex()) {
            case 1 -> TrainingSettings.Schedule.COSINE;
            case 2 -> TrainingSettings.Schedule.STEP;
            default -> TrainingSettings.Schedule.CONSTANT;
        };
        TrainingSettings settings = new TrainingSettings(sgd ? TrainingSettings.Optimizer.SGD
                : TrainingSettings.Optimizer.ADAM, Double.parseDouble(learningRate.getText().strip()), sgd ? MOMENTUM : 0,
                0, chosen, chosen == TrainingSettings.Schedule.STEP ? Math.max(1, (runEpochs + 2) / 3) : 0, runEpochs,
                batchSize.getSelection(), Long.parseLong(seed.getText().strip()), false, 0, 0);
        return distillWeight != null && number(distillWeight) > 0
                ? settings.withDistillation(number(temperature), number(distillWeight)) : settings;
    }

    /** A field's number, NaN if it is none. */
    private static double number(Text field) {
        try {
            return Double.parseDouble(field.getText().strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Sets the fields, as if typed.
     *
     * @param settings the schedule to show
     */
    public void set(TrainingSettings settings) {
        optimizer.select(settings.optimizer() == TrainingSettings.Optimizer.SGD ? 1 : 0);
        schedule.select(switch (settings.schedule()) {
            case COSINE -> 1;
            case STEP -> 2;
            default -> 0;
        });
        epochs.setSelection(settings.epochs());
        learningRate.setText(String.format(Locale.ROOT, "%s", settings.learningRate()));
        batchSize.setSelection(settings.batchSize());
        seed.setText(String.valueOf(settings.seed()));
        if (distillWeight != null) {
            distillWeight.setText(String.valueOf(settings.distillWeight()));
            temperature.setText(String.valueOf(settings.distills() ? settings.distillTemperature() : TEMPERATURE));
        }
    }
}
