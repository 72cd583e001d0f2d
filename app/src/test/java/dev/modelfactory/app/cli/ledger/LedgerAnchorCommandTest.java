package dev.modelfactory.app.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.wallet.LedgerAnchors;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ledger anchor / verify-anchor against the local ganache chain, paid by a wallet account. */
class LedgerAnchorCommandTest {

    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;

    Run run(Path ws, String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", ws.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private String freeze(Path ws, String name) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            DatasetStore store = new DatasetStore(w);
            DatasetInfo ds = store.create(name, "");
            Path f = Files.writeString(dir.resolve(name + ".jsonl"), "{\"instruction\":\"Q " + name
                    + "\",\"output\":\"A\"}\n");
            store.importFile(ds.id(), f, ImportOptions.builder().contributor("alice").licence("MIT")
                    .allowedUses(Set.of(Use.TRAIN)).build(), ProgressListener.NONE, CancellationToken.NONE);
            DatasetVersion v = store.freeze(ds.id(), FreezeOptions.DEFAULT);
            return name + "@" + v.root().substring(0, 8);
        }
    }

    @Test
    void anchorsSealedBatchesAndVerifiesEntriesAgainstTheChain() throws Exception {
        Path ws = dir.resolve("ws");
        Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
        Path key = Files.writeString(dir.resolve("key"), GanacheChain.ACCOUNT0_KEY);
        String first = freeze(ws, "recipes");
        assertThat(run(ws, "wallet", "import", "--private-key-file", key.toString(), "--name", "payer",
                "--password-file", pw.toString(), "--test-only-light-kdf").code()).isZero();
        assertThat(run(ws, "attest", "dataset", first, "--password-file", pw.toString()).code()).isZero();
        assertThat(run(ws, "ledger", "batch").code()).isZero();

        try (GanacheChain chain = GanacheChain.start()) {
            String rpc = chain.url();
            String chainId = Long.toString(GanacheChain.CHAIN_ID);
            Run noRegistry = run(ws, "ledger", "anchor", "--rpc", rpc, "--chain-id", chainId, "--password-file", pw.toString());
            assertThat(noRegistry.code()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(noRegistry.err()).contains("--registry").contains("--deploy");

            Run deployed = run(ws, "--json", "ledger", "anchor", "--rpc", rpc, "--chain-id", chainId, "--deploy",
                    "--password-file", pw.toString());
            assertThat(deployed.code()).as(deployed.err()).isZero();
            assertThat(deployed.out()).contains("\"outcome\" : \"anchored\"").contains("\"firstSeq\" : 1")
                    .contains("\"lastSeq\" : 2").containsIgnoringCase(GanacheChain.ACCOUNT0);
            String registry;
            try (Workspace w = Workspace.open(ws)) {
                registry = LedgerAnchors.registry(w.settings(), GanacheChain.CHAIN_ID).orElseThrow();
            }
            assertThat(deployed.out()).contains(registry);

            // The registry is remembered per chain id; a second run sends nothing for an anchored root.
            Run again = run(ws, "--json", "ledger", "anchor", "--rpc", rpc, "--chain-id", chainId,
                    "--password-file", pw.toString());
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(again.out()).contains("\"outcome\" : \"already_anchored\"").doesNotContain("\"transaction\"");

            Run verified = run(ws, "--json", "ledger", "verify-anchor", "2", "--rpc", rpc, "--chain-id", chainId);
            assertThat(verified.code()).as(verified.out() + verified.err()).isZero();
            assertThat(verified.out()).contains("\"status\" : \"verified\"").contains("\"confirmations\"");

            // A later entry in a batch not yet anchored.
            assertThat(run(ws, "attest", "dataset", freeze(ws, "poems"), "--password-file", pw.toString()).code()).isZero();
            assertThat(run(ws, "ledger", "batch").code()).isZero();
            Run notAnchored = run(ws, "--json", "ledger", "verify-anchor", "3", "--rpc", rpc, "--chain-id", chainId);
            assertThat(notAnchored.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(notAnchored.out()).contains("\"status\" : \"not_anchored\"");
            Run unsealed = run(ws, "ledger", "verify-anchor", "99", "--rpc", rpc, "--chain-id", chainId);
            assertThat(unsealed.code()).isEqualTo(ExitCodes.BAD_INPUT);

            Run wrongChain = run(ws, "ledger", "verify-anchor", "2", "--rpc", rpc, "--chain-id", "1",
                    "--registry", registry);
            assertThat(wrongChain.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(wrongChain.err()).contains("1337");

            // A tampered entry is caught locally before its (still valid) stored hash is checked on chain.
            try (Workspace w = Workspace.open(ws)) {
                w.jdbc().inTransaction("tamper", c -> c.createStatement().executeUpdate(
                        "UPDATE ledger_entry SET typed_data = REPLACE(typed_data, 'recipes', 'recipez') WHERE seq = 2"));
            }
            Run tampered = run(ws, "--json", "ledger", "verify-anchor", "2", "--rpc", rpc, "--chain-id", chainId);
            assertThat(tampered.code()).isEqualTo(ExitCodes.FAILED);
            assertThat(tampered.out()).contains("\"status\" : \"log_invalid\"").contains("entry 2");
        }
    }
}
