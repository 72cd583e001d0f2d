package dev.modelfactory.ledger.chain;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * Runs one JSON-RPC request with retries on transient transport failures: connection refused or
 * reset, timeouts, HTTP 429 and 5xx. Backoff doubles from the initial pause up to the maximum. A
 * JSON-RPC error answer is not transient (the node understood and refused) and is returned to the
 * caller as is. When every try failed the result is "cannot reach RPC at URL: cause".
 */
final class Retrier {

    /** Something a try does; may fail with a transport error. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException;
    }

    /** How to wait between tries (tests pass one that records the pauses instead of sleeping). */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    private final String url;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Pause pause;

    Retrier(String url, int maxAttempts, Duration initialBackoff, Duration maxBackoff, Pause pause) {
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.pause = pause;
    }

    static Retrier of(RpcSettings s) {
        return new Retrier(s.displayUrl(), s.maxAttempts(), s.initialBackoff(), s.maxBackoff(), d -> Thread.sleep(d));
    }

    /**
     * @param what what the request does, for the error message ("eth_chainId")
     * @throws ChainException UNREACHABLE after the last failed try
     */
    <T> T call(String what, Attempt<T> attempt) {
        Duration wait = initialBackoff;
        RuntimeException last = null;
        for (int i = 1; ; i++) {
            try {
                return attempt.run();
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ChainException(ChainException.Reason.UNREACHABLE, what + " interrupted", e);
                }
                last = unreachable(what, e); // a socket timeout: transient
            } catch (IOException e) {
                last = unreachable(what, e);
            } catch (ClientConnectionException e) {
                if (!isTransientHttp(e)) {
                    throw new ChainException(ChainException.Reason.REJECTED,
                            "RPC at " + url + " refused " + what + ": " + e.getMessage(), e);
                }
                last = unreachable(what, e);
            }
            if (i >= maxAttempts) {
                throw last;
            }
            try {
                pause.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException(ChainException.Reason.UNREACHABLE, what + " interrupted", e);
            }
            Duration doubled = wait.multipliedBy(2);
            wait = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        }
    }

    private ChainException unreachable(String what, Exception e) {
        String cause = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return new ChainException(ChainException.Reason.UNREACHABLE,
                "cannot reach RPC at " + url + ": " + cause + " (" + what + ", " + maxAttempts + " tries)", e);
    }

    private static boolean isTransientHttp(ClientConnectionException e) {
        Integer code = e.getCode();
        if (code == null) {
            return true; // no HTTP status: the transport failed
        }
        return code == 408 || code == 429 || code >= 500;
    }
}
