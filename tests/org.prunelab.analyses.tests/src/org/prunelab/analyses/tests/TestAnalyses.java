package org.prunelab.analyses.tests;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IProgressMonitor;
import org.prunelab.core.analyses.Analysis;
import org.prunelab.core.analyses.AnalysisContext;

/**
 * Analyses contributed by this fragment for the service's tests.
 */
public final class TestAnalyses {

    private TestAnalyses() {
    }

    /**
     * Settings of the test analyses.
     *
     * @param offset added to the result
     */
    public record Settings(int offset) {
    }

    /**
     * A result.
     *
     * @param parameters the version's parameter count plus the offset
     */
    public record Count(long parameters) {
    }

    /** Counts how often it ran; its result is the version's parameter count. */
    public static final class Counting implements Analysis<Settings, Count> {

        /** Runs since the test runtime started. */
        public static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public Settings defaultSettings() {
            return new Settings(0);
        }

        @Override
        public Class<Count> resultType() {
            return Count.class;
        }

        @Override
        public Count run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
            RUNS.incrementAndGet();
            long parameters = context.models().get(0).parameters().values().stream().mapToLong(a -> a.size()).sum();
            return new Count(parameters + settings.offset());
        }
    }

    /** Fails as a plug-in with a bug does. */
    public static final class Throwing implements Analysis<Settings, Count> {

        @Override
        public Settings defaultSettings() {
            return new Settings(0);
        }

        @Override
        public Class<Count> resultType() {
            return Count.class;
        }

        @Override
        public Count run(AnalysisContext context, Settings settings, IProgressMonitor monitor) {
            throw new IllegalStateException("a bug in the plug-in");
        }
    }
}
