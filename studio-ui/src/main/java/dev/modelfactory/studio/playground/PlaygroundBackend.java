package dev.modelfactory.studio.playground;

import java.util.List;

/** Which base models the playground can load, and loading one (blocking: call off the FX thread). */
public interface PlaygroundBackend {

    /** The registered models' names, as the user picks them. */
    List<String> models();

    /** Loads {@code model} as the shared base of a new engine; the caller closes it. */
    PlaygroundEngine open(String model);
}
