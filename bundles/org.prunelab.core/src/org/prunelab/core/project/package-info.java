/**
 * PruneLab projects in an Eclipse workspace: the project nature and the {@code prunelab.json} file that
 * describes a project.
 */
package org.prunelab.core.project;
