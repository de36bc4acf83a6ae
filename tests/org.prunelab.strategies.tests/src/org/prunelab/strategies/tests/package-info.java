/**
 * Tests of the built-in strategies and the planning helpers, on hand-chosen importances.
 */
package org.prunelab.strategies.tests;
