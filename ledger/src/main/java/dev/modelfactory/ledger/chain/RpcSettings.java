package dev.modelfactory.ledger.chain;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to talk to one EVM JSON-RPC endpoint. Built with {@link #builder(String, long)}: the URL and the
 * chain id the user expects are required (the id guards against anchoring on the wrong network);
 * everything else has a default fit for a public chain.
 *
 * @param url              HTTP(S) JSON-RPC endpoint
 * @param expectedChainId  EIP-155 chain id the endpoint must report (1337 for ganache)
 * @param maxAttempts      tries per request when the endpoint is unreachable or overloaded (>= 1)
 * @param initialBackoff   pause after the first failed try; doubles per try up to {@code maxBackoff}
 * @param maxBackoff       longest pause between tries
 * @param httpTimeout      connect and read timeout of one HTTP request
 * @param receiptTimeout   how long to wait for a sent transaction to be mined
 * @param receiptPoll      pause between receipt polls
 * @param mode             transaction envelope
 * @param gasMarginPercent added to the node's gas estimate (state can change between estimate and mining)
 */
public record RpcSettings(String url, long expectedChainId, int maxAttempts, Duration initialBackoff,
        Duration maxBackoff, Duration httpTimeout, Duration receiptTimeout, Duration receiptPoll,
        TransactionMode mode, int gasMarginPercent) {

    public RpcSettings {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "RPC URL is not a URL: '" + url + "'", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new ChainException(ChainException.Reason.BAD_INPUT,
                    "RPC URL must be http://HOST[:PORT][/PATH] or https://..., got '" + url + "'");
        }
        if (expectedChainId <= 0) {
            throw new ChainException(ChainException.Reason.BAD_INPUT,
                    "expected chain id must be positive, got " + expectedChainId);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        if (gasMarginPercent < 0) {
            throw new IllegalArgumentException("gasMarginPercent must be >= 0, got " + gasMarginPercent);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(httpTimeout, "httpTimeout");
        Objects.requireNonNull(receiptTimeout, "receiptTimeout");
        Objects.requireNonNull(receiptPoll, "receiptPoll");
        Objects.requireNonNull(mode, "mode");
    }

    /**
     * The URL as messages and logs show it: hosted RPC URLs often carry an API key (in the path, the
     * query or as user info), which must not end up in logs or error dialogs. User info and query are
     * dropped, and path segments that look like keys (16+ letters, digits, '-' or '_') become "***".
     */
    public String displayUrl() {
        URI u = URI.create(url);
        StringBuilder b = new StringBuilder(u.getScheme()).append("://").append(u.getHost());
        if (u.getPort() >= 0) {
            b.append(':').append(u.getPort());
        }
        String path = u.getRawPath();
        if (path != null && !path.isEmpty()) {
            for (String segment : path.substring(1).split("/", -1)) {
                b.append('/').append(segment.matches("[A-Za-z0-9_-]{16,}") ? "***" : segment);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "RpcSettings[" + displayUrl() + ", chain " + expectedChainId + ", " + mode + "]";
    }

    /** Settings for {@code url} on chain {@code expectedChainId}, with defaults for the rest. */
    public static Builder builder(String url, long expectedChainId) {
        return new Builder(url, expectedChainId);
    }

    /** Builder with the defaults: 4 tries from 250 ms backoff (max 4 s), 30 s HTTP, 3 min receipts. */
    public static final class Builder {
        private final String url;
        private final long expectedChainId;
        private int maxAttempts = 4;
        private Duration initialBackoff = Duration.ofMillis(250);
        private Duration maxBackoff = Duration.ofSeconds(4);
        private Duration httpTimeout = Duration.ofSeconds(30);
        private Duration receiptTimeout = Duration.ofMinutes(3);
        private Duration receiptPoll = Duration.ofSeconds(1);
        private TransactionMode mode = TransactionMode.AUTO;
        private int gasMarginPercent = 20;

        private Builder(String url, long expectedChainId) {
            this.url = url;
            this.expectedChainId = expectedChainId;
        }

        public Builder maxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        public Builder httpTimeout(Duration v) {
            httpTimeout = v;
            return this;
        }

        public Builder receiptTimeout(Duration v) {
            receiptTimeout = v;
            return this;
        }

        public Builder receiptPoll(Duration v) {
            receiptPoll = v;
            return this;
        }

        public Builder mode(TransactionMode v) {
            mode = v;
            return this;
        }

        public Builder gasMarginPercent(int v) {
            gasMarginPercent = v;
            return this;
        }

        public RpcSettings build() {
            return new RpcSettings(url, expectedChainId, maxAttempts, initialBackoff, maxBackoff, httpTimeout,
                    receiptTimeout, receiptPoll, mode, gasMarginPercent);
        }
    }
}
