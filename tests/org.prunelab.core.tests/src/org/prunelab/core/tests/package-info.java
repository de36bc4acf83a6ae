/**
 * Tests of PruneLab projects, run against a real Eclipse workspace.
 */
package org.prunelab.core.tests;
