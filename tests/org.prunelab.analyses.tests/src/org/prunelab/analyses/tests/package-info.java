/**
 * Tests of the analyses: the contract on every installed one, the service's storage and isolation, and
 * the CAM comparison.
 */
package org.prunelab.analyses.tests;
