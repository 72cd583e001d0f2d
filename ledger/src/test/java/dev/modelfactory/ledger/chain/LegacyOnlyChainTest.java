package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.task.CancellationToken;
import org.junit.jupiter.api.Test;

/**
 * A chain before EIP-1559 (ganache with the "berlin" hardfork: blocks have no base fee). AUTO falls
 * back to legacy transactions; insisting on EIP-1559 is a clear error.
 */
class LegacyOnlyChainTest {

    @Test
    void autoFallsBackToLegacyAndEip1559IsRefusedClearly() throws Exception {
        try (DevChain chain = DevChain.start("berlin");
                Anchoring anchoring = Anchoring.connect(chain.settings().build())) {
            TransactionSigner signer = TransactionSigner.of(DevChain.ACCOUNT0);
            assertThat(anchoring.client().supportsEip1559()).isFalse();

            SentTransaction deploy = anchoring.deployRegistry(signer, CancellationToken.NONE);
            assertThat(deploy.type()).isEqualTo(TransactionMode.LEGACY);
            AnchorRequest req = new AnchorRequest(PositionalKeccakMerkle.leaf("berlin batch"), 0, 3, Hash32.ZERO);
            AnchorResult r = anchoring.anchor(deploy.contractAddress(), signer, req, CancellationToken.NONE);
            assertThat(r.outcome()).isEqualTo(AnchorResult.Outcome.ANCHORED);
            assertThat(r.transaction().orElseThrow().type()).isEqualTo(TransactionMode.LEGACY);
            assertThat(r.transaction().orElseThrow().nonce()).isEqualTo(deploy.nonce().add(java.math.BigInteger.ONE));

            try (Anchoring strict = Anchoring.connect(chain.settings().mode(TransactionMode.EIP1559).build())) {
                AnchorRequest next = new AnchorRequest(PositionalKeccakMerkle.leaf("berlin 2"), 4, 4, Hash32.ZERO);
                assertThatThrownBy(() -> strict.anchor(deploy.contractAddress(), signer, next, CancellationToken.NONE))
                        .isInstanceOf(ChainException.class)
                        .hasMessageContaining("does not take EIP-1559 transactions");
            }
        }
    }
}
