package dev.modelfactory.ledger.store;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which folder is the workspace, strongest rule first:
 * <ol>
 *   <li>{@code --workspace DIR} given on the command line;</li>
 *   <li>the {@code MODELFACTORY_HOME} environment variable;</li>
 *   <li>the platform's per-user data folder: Linux {@code $XDG_DATA_HOME/modelfactory} (else
 *       {@code ~/.local/share/modelfactory}), macOS {@code ~/Library/Application Support/ModelFactory},
 *       Windows {@code %APPDATA%\ModelFactory} (else {@code ~\AppData\Roaming\ModelFactory}).</li>
 * </ol>
 * Blank variables count as unset; a leading {@code ~} is expanded (it arrives unexpanded from
 * {@code --workspace=~/x} or a quoted variable). The environment, OS name and home folder are
 * parameters so every platform's rule is testable on any machine; {@link #locate(Optional)} reads
 * them from the running JVM. Touches no files.
 */
public final class WorkspaceLocator {

    /** The environment variable naming the workspace folder. */
    public static final String ENV_HOME = "MODELFACTORY_HOME";

    private WorkspaceLocator() {
    }

    /** Resolves against this process's environment, {@code os.name} and {@code user.home}. */
    public static WorkspaceLocation locate(Optional<Path> explicit) {
        return locate(explicit, System.getenv(), System.getProperty("os.name", ""),
                Path.of(System.getProperty("user.home")));
    }

    /**
     * @param explicit the {@code --workspace} value, if given
     * @param env      environment variables (only {@code MODELFACTORY_HOME}, {@code XDG_DATA_HOME},
     *                 {@code APPDATA} are read)
     * @param osName   the {@code os.name} system property, e.g. {@code "Linux"}, {@code "Mac OS X"},
     *                 {@code "Windows 11"}
     * @param userHome the user's home folder
     */
    public static WorkspaceLocation locate(Optional<Path> explicit, Map<String, String> env, String osName,
                                           Path userHome) {
        Objects.requireNonNull(explicit, "explicit");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(userHome, "userHome");
        if (explicit.isPresent()) {
            return located(expandTilde(explicit.get().toString(), userHome), WorkspaceSource.COMMAND_LINE);
        }
        Optional<String> home = variable(env, ENV_HOME);
        if (home.isPresent()) {
            return located(expandTilde(home.get(), userHome), WorkspaceSource.ENVIRONMENT);
        }
        return located(platformDefault(env, osName.toLowerCase(Locale.ROOT), userHome),
                WorkspaceSource.PLATFORM_DEFAULT);
    }

    private static Path platformDefault(Map<String, String> env, String os, Path userHome) {
        if (os.startsWith("windows")) {
            return variable(env, "APPDATA").map(Path::of)
                    .orElse(userHome.resolve("AppData").resolve("Roaming"))
                    .resolve("ModelFactory");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return userHome.resolve("Library").resolve("Application Support").resolve("ModelFactory");
        }
        // Linux and other Unix: XDG base directories. The spec says a relative XDG_DATA_HOME is invalid
        // and must be ignored.
        return variable(env, "XDG_DATA_HOME").map(Path::of).filter(Path::isAbsolute)
                .orElse(userHome.resolve(".local").resolve("share"))
                .resolve("modelfactory");
    }

    private static Optional<String> variable(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static Path expandTilde(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static WorkspaceLocation located(Path folder, WorkspaceSource source) {
        return new WorkspaceLocation(folder.toAbsolutePath().normalize(), source);
    }
}
