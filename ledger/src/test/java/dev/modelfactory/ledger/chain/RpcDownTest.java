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
        String key = "a9f3c0de71b24e6f8d5a2c7b9e1f0a3d";
        RpcSettings settings = RpcSettings.builder(url + "/v3/" + key, 1337)
                .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build();

        assertThatThrownBy(() -> Anchoring.connect(settings))
                .isInstanceOfSatisfying(ChainException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ChainException.Reason.UNREACHABLE);
                    assertThat(e.getCause()).isInstanceOf(IOException.class);
                })
                .hasMessageStartingWith("cannot reach RPC at " + url + "/v3/***: ")
                .message().doesNotContain(key);
        assertThatThrownBy(() -> Anchoring.connect(settings))
                .hasMessageContaining("eth_chainId, 2 tries");
    }

    @Test
    void anApiKeyInTheUrlNeverReachesTheMessage() {
        String key = "3f1c9a7be6d04c2a9b8e1d7f5a6c4b2e";
        RpcSettings s = RpcSettings.builder("https://user:pw@mainnet.example.io/v3/" + key + "?token=" + key, 1)
                .maxAttempts(1).build();
        assertThat(s.displayUrl()).isEqualTo("https://mainnet.example.io/v3/***");
        assertThat(s.toString()).doesNotContain(key).doesNotContain("pw");
        assertThat(RpcSettings.builder("http://127.0.0.1:8545/rpc", 1).build().displayUrl())
                .isEqualTo("http://127.0.0.1:8545/rpc");
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
