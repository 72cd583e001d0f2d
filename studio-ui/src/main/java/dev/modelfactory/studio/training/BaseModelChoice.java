package dev.modelfactory.studio.training;

/**
 * A model that can be trained.
 *
 * @param ref    what a request names it by (an imported model's id, or a path)
 * @param name   display name
 * @param source "imported", "starter", ...
 */
public record BaseModelChoice(String ref, String name, String source) {

    @Override
    public String toString() {
        return name + " (" + source + ")";
    }
}
