package dev.modelfactory.ledger.chain;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP JSON-RPC proxy in front of a dev chain that answers 503 to the first N calls of chosen
 * methods, after forwarding them or not: the shape of a flaky load balancer, where a request may
 * have reached the node even though the client saw an error.
 */
final class FlakyProxy implements AutoCloseable {

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Boolean> forwardBeforeFailing = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

    FlakyProxy(String target) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String method = method(new String(body, StandardCharsets.UTF_8));
            seen.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            AtomicInteger left = failuresLeft.get(method);
            boolean fail = left != null && left.getAndDecrement() > 0;
            byte[] answer = null;
            if (!fail || forwardBeforeFailing.getOrDefault(method, false)) {
                try {
                    answer = http.send(HttpRequest.newBuilder(URI.create(target))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray()).body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
            if (fail) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    /** The next {@code times} calls of {@code method} get a 503; with {@code forward} the node still gets them. */
    void fail(String method, int times, boolean forward) {
        failuresLeft.put(method, new AtomicInteger(times));
        forwardBeforeFailing.put(method, forward);
    }

    int seen(String method) {
        AtomicInteger n = seen.get(method);
        return n == null ? 0 : n.get();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String method(String json) {
        int i = json.indexOf("\"method\"");
        if (i < 0) {
            return "";
        }
        int start = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
