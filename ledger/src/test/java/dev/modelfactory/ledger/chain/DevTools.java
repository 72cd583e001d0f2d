package dev.modelfactory.ledger.chain;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds what the chain tests need from npm: {@code node} and a {@code node_modules} holding ganache and
 * solc, installed by {@code .ci/run} (npm ci of src/test/devchain/package.json) into a cache folder.
 * Where they are missing the tests are skipped with the reason, except under CI ({@code CI=true}),
 * where they must run and fail instead.
 *
 * <p>Search order for the folder holding {@code node_modules}: system property
 * {@code modelfactory.devchain}, environment variable {@code MODELFACTORY_DEVCHAIN}, then the default
 * {@code .ci/run} uses: {@code $XDG_CACHE_HOME/modelfactory/devchain} ({@code ~/.cache/...}).
 */
final class DevTools {

    /** The scripts next to package.json in the source tree (surefire runs in the module folder). */
    static final Path SCRIPTS = Path.of("src", "test", "devchain");

    private DevTools() {
    }

    static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The node_modules folder with ganache and solc, or a skip (a failure under CI) saying what is missing. */
    static Path requireNodeModules() {
        Optional<Path> node = findOnPath("node");
        if (node.isEmpty()) {
            skipOrFail("node is not on the PATH (install Node.js 20; .ci/run does)");
        }
        Path base = folder();
        Path modules = base.resolve("node_modules");
        for (String pkg : new String[] {"ganache", "solc"}) {
            if (!Files.isRegularFile(modules.resolve(pkg).resolve("package.json"))) {
                skipOrFail("npm package " + pkg + " not found in " + modules + " (run .ci/run, or: cp "
                        + SCRIPTS.resolve("package*.json") + " " + base + " && npm ci --prefix " + base + ")");
            }
        }
        return modules;
    }

    static String node() {
        return findOnPath("node").orElseThrow().toString();
    }

    private static Path folder() {
        String prop = System.getProperty("modelfactory.devchain");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("MODELFACTORY_DEVCHAIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("modelfactory").resolve("devchain");
    }

    private static Optional<Path> findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, exe);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void skipOrFail(String why) {
        if (underCi()) {
            fail("CI=true but the chain tests cannot run: " + why);
        }
        Assumptions.abort("skipped: " + why);
    }
}
