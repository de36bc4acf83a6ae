package org.prunelab.core.contributions;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What people read for a component of a contribution's settings record: its label, its unit and a line of
 * help. The workbench's forms, the prune wizard's summary and the tree's tooltips use it; a component without
 * it is named after its Java name ("maxDrop" reads "max drop").
 *
 * <pre>
 * public record Settings(&#64;Setting(label = "Share removed", unit = "% of each layer's channels", percent = true)
 *         double ratio) { }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /**
     * The label, e.g. "Share removed".
     *
     * @return it, capitalised, without a colon
     */
    String label();

    /**
     * The unit after the value, e.g. "images", "points", "% of the parameters".
     *
     * @return it, or "" for none
     */
    String unit() default "";

    /**
     * Whether a fraction is shown and typed as a percentage: the settings hold 0.5, people see 50 %.
     *
     * @return true for a share in [0, 1]
     */
    boolean percent() default false;

    /**
     * A sentence on what the setting does, for a tooltip.
     *
     * @return it, or ""
     */
    String help() default "";
}
