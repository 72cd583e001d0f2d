package dev.modelfactory.app.cli.ledger;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * The ganache dev chain exactly as the ledger's chain tests start it (ledger/src/test/devchain's
 * ganache-server.js, node_modules found like their DevTools: -Dmodelfactory.devchain,
 * $MODELFACTORY_DEVCHAIN, then ~/.cache/modelfactory/devchain); chain id 1337, deterministic accounts.
 * Skipped with the reason where node or the packages are missing, failed instead under CI=true.
 */
public final class GanacheChain implements AutoCloseable {

    public static final long CHAIN_ID = 1337;
    /** ganache --wallet.deterministic account 0 (a public test key, funded with 1000 ETH). */
    public static final String ACCOUNT0_KEY = "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    static final String ACCOUNT0 = "0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1";

    private static final Path SCRIPTS = Path.of("..", "ledger", "src", "test", "devchain");

    private final Process process;
    private final String url;
    private final Path log;

    private GanacheChain(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static GanacheChain start() throws IOException, InterruptedException {
        Optional<Path> node = onPath("node");
        if (node.isEmpty()) {
            skipOrFail("node is not on the PATH (install Node.js 20; .ci/run does)");
        }
        Path modules = folder().resolve("node_modules");
        for (String pkg : new String[] {"ganache", "solc"}) {
            if (!Files.isRegularFile(modules.resolve(pkg).resolve("package.json"))) {
                skipOrFail("npm package " + pkg + " not found in " + modules + " (run .ci/run)");
            }
        }
        Path log = Files.createTempFile("ganache-", ".log");
        Process p = new ProcessBuilder(node.get().toString(), SCRIPTS.resolve("ganache-server.js").toString(),
                modules.toString(), Long.toString(CHAIN_ID), "london").redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS); // a start-up guard on a loaded machine, not a measurement
        } catch (ExecutionException | TimeoutException e) {
            line = null;
        }
        if (line == null || !line.startsWith("listening ")) {
            p.destroyForcibly();
            throw new IllegalStateException("ganache did not start (" + line + "): " + Files.readString(log));
        }
        return new GanacheChain(p, "http://127.0.0.1:" + line.substring("listening ".length()).strip(), log);
    }

    public String url() {
        return url;
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

    private static Optional<Path> onPath(String exe) {
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
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but the chain tests cannot run: " + why);
        }
        Assumptions.abort("skipped: " + why);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        long pid = process.pid();
        process.getOutputStream().close(); // asks ganache to shut down cleanly
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
