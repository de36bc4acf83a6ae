/**
 * PruneLab's built-in analyses, contributed to {@code org.prunelab.core.analyses}.
 */
package org.prunelab.analyses;
