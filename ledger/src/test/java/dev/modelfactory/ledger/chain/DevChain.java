package dev.modelfactory.ledger.chain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.crypto.Credentials;

/**
 * A ganache dev chain in a child process, on 127.0.0.1 at a port the OS picked, with chain id 1337 and
 * ganache's deterministic accounts. Stopped by PID on {@link #close()}; it also exits by itself when
 * the JVM dies (its stdin closes).
 */
final class DevChain implements AutoCloseable {

    static final long CHAIN_ID = 1337;
    /** ganache --wallet.deterministic accounts 0 and 1 (public test keys, funded with 1000 ETH each). */
    static final Credentials ACCOUNT0 =
            Credentials.create("0x4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d");
    static final Credentials ACCOUNT1 =
            Credentials.create("0x6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1");

    private final Process process;
    private final String url;
    private final Path log;

    private DevChain(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts ganache with {@code hardfork} ("london": EIP-1559 base fee; "berlin": legacy only).
     * Skips (fails under CI) when node or ganache is missing.
     */
    static DevChain start(String hardfork) throws IOException, InterruptedException {
        Path modules = DevTools.requireNodeModules();
        Path log = Files.createTempFile("ganache-", ".log");
        ProcessBuilder pb = new ProcessBuilder(DevTools.node(), DevTools.SCRIPTS.resolve("ganache-server.js").toString(),
                modules.toString(), Long.toString(CHAIN_ID), hardfork)
                .redirectError(log.toFile());
        Process p = pb.start();
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
        return new DevChain(p, "http://127.0.0.1:" + line.substring("listening ".length()).strip(), log);
    }

    String url() {
        return url;
    }

    RpcSettings.Builder settings() {
        return RpcSettings.builder(url, CHAIN_ID)
                .receiptPoll(java.time.Duration.ofMillis(50))
                .backoff(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200));
    }

    /** A raw JSON-RPC call without parameters (ganache's miner_stop, miner_start, evm_mine); returns the body. */
    String rpc(String method) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new IllegalStateException(method + " failed: " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
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
