package dev.modelfactory.ledger.chain;

/**
 * A chain operation failed. The message is meant for the user as is ("cannot reach RPC at URL: ...",
 * "wrong chain: ..."); {@link #reason()} lets a caller pick an exit code or a dialog without parsing it.
 */
public final class ChainException extends RuntimeException {

    /** Why the operation failed, coarse enough to act on. */
    public enum Reason {
        /** The RPC endpoint did not answer (connection refused, timeout, HTTP 5xx) after the retries. */
        UNREACHABLE,
        /** The endpoint answers for another chain than the one the user named. */
        WRONG_CHAIN,
        /** The caller's input is unusable (bad address, zero root, inverted range, no contract there). */
        BAD_INPUT,
        /** The node refused a request or a transaction failed on chain (JSON-RPC error, revert). */
        REJECTED,
        /** A transaction was sent but no receipt arrived in time; it may still be mined later. */
        TIMEOUT
    }

    private final Reason reason;

    public ChainException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ChainException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
