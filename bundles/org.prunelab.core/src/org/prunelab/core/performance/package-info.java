/**
 * What the Performance view shows, computed headless: a version's figures against its parent and root
 * ({@link org.prunelab.core.performance.PerformanceSummary}), its predictions on the test set and the
 * samples of one confusion-matrix cell ({@link org.prunelab.core.performance.PerformanceProvider}). The
 * view asks in a job and draws the answer.
 */
package org.prunelab.core.performance;
