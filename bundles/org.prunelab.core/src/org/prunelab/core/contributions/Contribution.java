package org.prunelab.core.contributions;

import org.eclipse.core.runtime.IConfigurationElement;

/**
 * The part of a descriptor every contribution has, read from plugin.xml without loading its class.
 *
 * @param id unique id
 * @param name display name
 * @param description one or two sentences for tooltips and documentation
 * @param category group in pickers, e.g. "Weights", "Activations", "Gradients"
 * @param contributor symbolic name of the contributing plug-in
 * @param element the configuration element, for creating the executable class
 */
public record Contribution(String id, String name, String description, String category, String contributor,
        IConfigurationElement element) {

    /**
     * Names the contribution in messages.
     *
     * @return "'name' (id) of plug-in contributor"
     */
    public String label() {
        return "'" + name + "' (" + id + ") of plug-in " + contributor;
    }
}
