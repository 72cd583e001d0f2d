package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.exceptions.ClientConnectionException;

/** Which failures are retried, how the pauses grow, and what the final error says. No real sleeping. */
class RetrierTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Retrier retrier = new Retrier("http://node.example:8545", 5, Duration.ofMillis(100),
            Duration.ofMillis(300), pauses::add);

    @Test
    void transientFailuresAreRetriedWithDoublingCappedBackoffUntilSuccess() {
        AtomicInteger calls = new AtomicInteger();
        String r = retrier.call("eth_chainId", () -> {
            int n = calls.incrementAndGet();
            if (n == 1) {
                throw new ConnectException("Connection refused");
            }
            if (n == 2) {
                throw new SocketTimeoutException("timeout");
            }
            if (n == 3) {
                throw new ClientConnectionException(503, "Invalid response received: 503; busy");
            }
            if (n == 4) {
                throw new ClientConnectionException(429, "Invalid response received: 429; slow down");
            }
            return "ok";
        });
        assertThat(r).isEqualTo("ok");
        assertThat(calls).hasValue(5);
        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
                Duration.ofMillis(300));
    }

    @Test
    void givingUpSaysCannotReachWithTheUrlAndTheLastCause() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("eth_chainId", () -> {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        })).isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.UNREACHABLE))
                .hasMessage("cannot reach RPC at http://node.example:8545: Connection refused (eth_chainId, 5 tries)");
        assertThat(calls).hasValue(5);
        assertThat(pauses).hasSize(4);
    }

    @Test
    void aClientErrorIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.call("eth_call", () -> {
            calls.incrementAndGet();
            throw new ClientConnectionException(401, "Invalid response received: 401; unauthorized");
        })).isInstanceOfSatisfying(ChainException.class,
                e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.REJECTED))
                .hasMessageContaining("401");
        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
