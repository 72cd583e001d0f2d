package dev.modelfactory.app.firstrun;

import dev.modelfactory.app.AppPaths;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * When the welcome applies, and which workspace a command uses when none is given on its command line.
 * The welcome applies when nothing names a workspace ({@code --workspace}, {@code MODELFACTORY_HOME}, a
 * remembered choice) and the default folder holds nothing yet: the very first start for this user.
 */
public final class FirstRun {

    private FirstRun() {
    }

    /** This user's remembered workspace file ({@code <config>/workspace.path}). */
    public static RememberedWorkspace rememberedForCurrentUser() {
        return new RememberedWorkspace(AppPaths.forCurrentUser().configDir().resolve(RememberedWorkspace.FILE_NAME));
    }

    /**
     * The workspace a command uses: {@code --workspace} when given, else (unless {@code MODELFACTORY_HOME} is
     * set, which wins) the folder remembered from the welcome; empty means the platform default.
     */
    public static Optional<Path> workspace(Optional<Path> commandLine, Map<String, String> env,
            RememberedWorkspace remembered) {
        if (commandLine.isPresent()) {
            return commandLine;
        }
        String home = env.get(WorkspaceLocator.ENV_HOME);
        if (home != null && !home.isBlank()) {
            return Optional.empty();
        }
        return remembered.read();
    }

    /**
     * True when the welcome should be shown.
     *
     * @param chosen        {@link #workspace}'s answer (command line or remembered)
     * @param env           the environment ({@code MODELFACTORY_HOME} counts as a choice)
     * @param defaultFolder the platform's default workspace folder
     */
    public static boolean applies(Optional<Path> chosen, Map<String, String> env, Path defaultFolder) {
        String home = env.get(WorkspaceLocator.ENV_HOME);
        if (chosen.isPresent() || (home != null && !home.isBlank())) {
            return false;
        }
        return isEmptyOrMissing(defaultFolder);
    }

    private static boolean isEmptyOrMissing(Path folder) {
        if (!Files.isDirectory(folder)) {
            return !Files.exists(folder);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
