package dev.modelfactory.app.starter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the bundled starter kit is, strongest rule first:
 * <ol>
 *   <li>the {@value #PROPERTY} system property (the packaged launcher sets it to the app image's
 *       {@code lib/app/starter});</li>
 *   <li>the {@value #ENV} environment variable;</li>
 *   <li>{@code assets/starter} next to the source checkout's {@code ./modelfactory} launcher (which passes its
 *       own path as {@code modelfactory.launcher});</li>
 *   <li>{@code assets/starter} under the working folder (a source checkout run from its root).</li>
 * </ol>
 * A candidate counts only when it holds the kit's manifest, so a stale property does not hide a real kit.
 */
public final class StarterLocation {

    /** System property naming the starter kit folder. */
    public static final String PROPERTY = "modelfactory.starter.dir";
    /** Environment variable naming the starter kit folder. */
    public static final String ENV = "MODELFACTORY_STARTER";
    /** The source launcher's own path (set by {@code ./modelfactory}). */
    static final String LAUNCHER_PROPERTY = "modelfactory.launcher";
    private static final Path IN_CHECKOUT = Path.of("assets", "starter");

    private StarterLocation() {
    }

    /** The kit for this process, if one is found. */
    public static Optional<Path> find() {
        return find(System.getProperty(PROPERTY), System.getenv(), System.getProperty(LAUNCHER_PROPERTY),
                Path.of("").toAbsolutePath());
    }

    /**
     * @param property    the {@value #PROPERTY} value (may be null)
     * @param env         environment variables (only {@value #ENV} is read)
     * @param launcher    the {@code modelfactory.launcher} value (may be null)
     * @param workingDir  the process's working folder
     */
    static Optional<Path> find(String property, Map<String, String> env, String launcher, Path workingDir) {
        Optional<Path> named = kit(property).or(() -> kit(env.get(ENV)));
        if (named.isPresent()) {
            return named;
        }
        if (launcher != null && !launcher.isBlank()) {
            Path parent = Path.of(launcher).toAbsolutePath().getParent();
            if (parent != null && isKit(parent.resolve(IN_CHECKOUT))) {
                return Optional.of(parent.resolve(IN_CHECKOUT).normalize());
            }
        }
        Path local = workingDir.resolve(IN_CHECKOUT);
        return isKit(local) ? Optional.of(local.toAbsolutePath().normalize()) : Optional.empty();
    }

    /** The kit, or a message saying where it was looked for. */
    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException("No starter kit found: set " + PROPERTY + " or "
                + ENV + " to a folder holding " + StarterBuild.MANIFEST + ", or run from a source checkout"));
    }

    private static Optional<Path> kit(String folder) {
        if (folder == null || folder.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(folder.strip()).toAbsolutePath().normalize();
        return isKit(p) ? Optional.of(p) : Optional.empty();
    }

    private static boolean isKit(Path folder) {
        return Files.isRegularFile(folder.resolve(StarterBuild.MANIFEST));
    }
}
