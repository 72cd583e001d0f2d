package dev.modelfactory.studio.welcome;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the user chose on the welcome.
 *
 * @param workspace      the workspace folder (absolute; created when missing)
 * @param installStarter whether to install the starter kit into it
 */
public record WelcomeChoice(Path workspace, boolean installStarter) {

    public WelcomeChoice {
        Objects.requireNonNull(workspace, "workspace");
    }
}
