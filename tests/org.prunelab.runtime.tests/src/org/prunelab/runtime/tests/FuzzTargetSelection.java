package org.prunelab.runtime.tests;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs one fuzz target when the system property {@value #PROPERTY} names it, every target otherwise.
 * Jazzer fuzzes only the first target it meets in a run, and tycho-surefire selects classes, not methods.
 */
final class FuzzTargetSelection implements ExecutionCondition {

    /** The property naming the target (the test method) to run. */
    static final String PROPERTY = "prunelab.fuzz.target";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String selected = System.getProperty(PROPERTY, "");
        String method = context.getTestMethod().map(m -> m.getName()).orElse(null);
        if (selected.isEmpty() || method == null || method.equals(selected)) {
            return ConditionEvaluationResult.enabled("selected");
        }
        return ConditionEvaluationResult.disabled(PROPERTY + " selects " + selected);
    }
}
