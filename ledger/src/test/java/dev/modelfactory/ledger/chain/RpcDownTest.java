package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An endpoint nobody listens on: connecting fails with "cannot reach RPC at URL: ..." after the retries. */
class RpcDownTest {

    @Test
    void aClosedPortIsReportedAsUnreachableWithTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: connections to it are refused
        String url = "http://127.0.0.1:" + port;
        RpcSettings settings = RpcSettings.builder(url, 1337)
                .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build();

        assertThatThrownBy(() -> Anchoring.connect(settings))
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ChainException.Reason.UNREACHABLE);
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                })
                .hasMessageStartingWith("cannot reach RPC at " + url + ": ")
                .hasMessageContaining("eth_chainId, 2 tries");
    }

    @Test
    void aUrlThatIsNotHttpIsBadInput() {
        assertThatThrownBy(() -> RpcSettings.builder("ws://127.0.0.1:8545", 1337).build())
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.BAD_INPUT))
                .hasMessageContaining("ws://127.0.0.1:8545");
        assertThatThrownBy(() -> RpcSettings.builder("http://127.0.0.1:8545", 0).build())
                .isInstanceOf(ChainException.class).hasMessageContaining("chain id");
    }
}
