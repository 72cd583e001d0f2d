package dev.modelfactory.app.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.wallet.WalletTransactionSigner;
import dev.modelfactory.app.wallet.WorkspaceAttributionLedger;
import dev.modelfactory.app.wallet.WorkspaceWalletAccess;
import dev.modelfactory.ledger.attribution.Claim;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.RpcSettings;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.attribution.BatchStatus;
import dev.modelfactory.studio.wallet.Network;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's chain adapters against the local ganache chain: balance, anchor status, anchoring. */
class StudioChainAdaptersTest {

    @TempDir
    Path dir;

    @Test
    void balanceAnchorStatusAndAnchoringThroughTheStudioAdapters() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws")); GanacheChain chain = GanacheChain.start()) {
            WalletService service = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
            WorkspaceWalletAccess wallet = WorkspaceWalletAccess.of(service, ws);
            Account payer = service.importPrivateKey(HexFormat.of().parseHex(GanacheChain.ACCOUNT0_KEY), "payer",
                    "pw".toCharArray());
            assertThat(payer.address()).isEqualTo(GanacheChain.ACCOUNT0);
            assertThat(wallet.balance(payer.address()).text()).startsWith("no RPC endpoint set");

            Network network = new Network(chain.url(), GanacheChain.CHAIN_ID);
            wallet.setNetwork(network);
            // ganache --wallet.deterministic funds each account with 1000 ETH; nothing was sent yet.
            assertThat(wallet.balance(payer.address()).wei()).contains(new BigInteger("1000000000000000000000"));
            assertThat(wallet.balance(payer.address()).text()).isEqualTo("1000 ETH");
            wallet.setNetwork(new Network(chain.url(), 1));
            assertThat(wallet.balance(payer.address()).text()).startsWith("unavailable").contains("1337");
            wallet.setNetwork(network);

            service.unlock("payer", "pw".toCharArray());
            WorkspaceAttributionLedger ledger = new WorkspaceAttributionLedger(ws, service);
            TypedData claim = new Claim(payer.address(), List.of("0x" + "11".repeat(32))).toTypedData(Eip712Domain.ATTRIBUTION);
            ledger.append(List.of(new SignedRecord(claim, service.signer("payer").signTypedData(claim), payer.address())));
            BatchStatus sealed = ledger.seal().orElseThrow();

            String registry;
            try (Anchoring a = Anchoring.connect(RpcSettings.builder(chain.url(), GanacheChain.CHAIN_ID).build())) {
                registry = a.deployRegistry(new WalletTransactionSigner(service.signer("payer")), CancellationToken.NONE)
                        .contractAddress();
            }
            assertThat(ledger.anchorStatus(network, registry)).singleElement()
                    .satisfies(b -> assertThat(b.anchor()).contains("not anchored"));
            List<String> lines = ledger.anchor(network, registry, payer.address(), ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(lines).singleElement().asString().startsWith("Batch #1\u2013#1 anchored in block ");
            assertThat(ledger.registry(GanacheChain.CHAIN_ID)).contains(registry);
            assertThat(ledger.anchorStatus(network, registry)).singleElement().satisfies(b -> {
                assertThat(b.root()).isEqualTo(sealed.root());
                assertThat(b.anchor().orElseThrow()).startsWith("anchored in block ").contains(payer.address());
            });
            assertThat(ledger.anchor(network, registry, payer.address(), ProgressListener.NONE, CancellationToken.NONE))
                    .singleElement().asString().contains("already anchored");

            // A new batch needs a transaction, which a locked account cannot sign.
            TypedData second = new Claim(payer.address(), List.of("0x" + "22".repeat(32))).toTypedData(Eip712Domain.ATTRIBUTION);
            ledger.append(List.of(new SignedRecord(second, service.signer("payer").signTypedData(second), payer.address())));
            ledger.seal().orElseThrow();
            service.lockAll();
            assertThatThrownBy(() -> ledger.anchor(network, registry, payer.address(), ProgressListener.NONE,
                    CancellationToken.NONE)).isInstanceOf(RuntimeException.class).hasMessageContaining("locked");
            assertThatThrownBy(() -> ledger.anchorStatus(network, "0x" + "00".repeat(19) + "01"))
                    .isInstanceOf(ChainException.class).hasMessageContaining("no contract");
        }
    }
}
