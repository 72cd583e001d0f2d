package dev.modelfactory.app.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelfactory.engine.serve.AdapterInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible HTTP server over a {@link ServedModel}. Each exchange runs on its own virtual thread
 * (a streaming response waits on its tokens without holding a platform thread); generation itself runs on the
 * engine's scheduler thread. Bound to loopback by default; any other address needs an API key, checked as
 * {@code Authorization: Bearer KEY} on every request.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final ServedModel served;
    private final byte[] apiKey;
    private final long maxBodyBytes;
    private final long created = System.currentTimeMillis() / 1000;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CompletionHandler completions;

    private ApiServer(Builder b) throws IOException {
        this.served = b.served;
        this.apiKey = b.apiKey == null ? null : b.apiKey.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = b.maxBodyBytes;
        this.completions = new CompletionHandler(served, b.maxTokensLimit);
        InetAddress address = InetAddress.getByName(b.host);
        if (!address.isLoopbackAddress() && apiKey == null) {
            throw new IllegalArgumentException("serving on " + b.host + " (not loopback) needs an API key");
        }
        this.http = HttpServer.create(new InetSocketAddress(address, b.port), 64);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    public static Builder builder(ServedModel served) {
        return new Builder(served);
    }

    /** Builder: 127.0.0.1, an ephemeral port (0), no key, 1 MiB bodies, at most 4096 tokens per request. */
    public static final class Builder {
        private final ServedModel served;
        private String host = "127.0.0.1";
        private int port;
        private String apiKey;
        private long maxBodyBytes = 1 << 20;
        private int maxTokensLimit = 4096;

        private Builder(ServedModel served) {
            this.served = Objects.requireNonNull(served, "served");
        }

        public Builder host(String h) {
            host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** The TCP port; 0 picks a free one (see {@link ApiServer#port()}). */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + p);
            }
            port = p;
            return this;
        }

        /** The key clients must send as a bearer token (null: none, loopback only). */
        public Builder apiKey(String key) {
            if (key != null && key.isBlank()) {
                throw new IllegalArgumentException("the API key must not be blank");
            }
            apiKey = key;
            return this;
        }

        public Builder maxBodyBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("max body bytes must be >= 1, got " + n);
            }
            maxBodyBytes = n;
            return this;
        }

        public Builder maxTokensLimit(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max tokens limit must be >= 1, got " + n);
            }
            maxTokensLimit = n;
            return this;
        }

        /** Binds and starts serving; refuses a non-loopback host without an API key. */
        public ApiServer start() throws IOException {
            return new ApiServer(this);
        }
    }

    /** The bound port (the chosen one when built with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Streaming requests ended early because their client went away. */
    public long disconnectCancels() {
        return completions.disconnectCancels();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                authorise(ex);
                route(ex);
            } catch (ApiException e) {
                Exchanges.sendError(ex, e);
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
                Exchanges.sendError(ex, new ApiException(500, "server_error", "The server failed: " + e.getMessage(),
                        null, null));
            }
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    private void authorise(HttpExchange ex) {
        if (apiKey == null) {
            return;
        }
        String h = ex.getRequestHeaders().getFirst("Authorization");
        byte[] given = h != null && h.startsWith("Bearer ")
                ? h.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(given, apiKey)) {
            throw new ApiException(401, "invalid_request_error", "Missing or incorrect API key (send Authorization: "
                    + "Bearer KEY)", null, "invalid_api_key");
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/v1/models" -> {
                expect(method, "GET");
                Exchanges.sendJson(ex, 200, models());
            }
            case "/v1/chat/completions" -> {
                expect(method, "POST");
                completions.handle(ex, Exchanges.readJson(ex, maxBodyBytes), true);
            }
            case "/v1/completions" -> {
                expect(method, "POST");
                completions.handle(ex, Exchanges.readJson(ex, maxBodyBytes), false);
            }
            default -> throw new ApiException(404, "invalid_request_error", "Unknown path " + path, null,
                    "unknown_url");
        }
    }

    private static void expect(String method, String wanted) {
        if (!wanted.equals(method)) {
            throw new ApiException(405, "invalid_request_error", "Use " + wanted + " here, not " + method, null,
                    "method_not_allowed");
        }
    }

    private ObjectNode models() {
        ObjectNode list = Exchanges.JSON.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        data.add(model(served.name(), null));
        for (AdapterInfo a : served.pool().registered()) {
            data.add(model(a.id(), served.name()));
        }
        return list;
    }

    private ObjectNode model(String id, String parent) {
        ObjectNode m = Exchanges.JSON.createObjectNode();
        m.put("id", id);
        m.put("object", "model");
        m.put("created", created);
        m.put("owned_by", "modelfactory");
        if (parent != null) {
            m.put("parent", parent);
        }
        return m;
    }

    /** Stops accepting, gives running exchanges a moment, and stops the handler threads. */
    @Override
    public void close() {
        http.stop(1);
        executor.shutdownNow();
    }
}
