package dev.modelfactory.app.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
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

/** attest dataset -> ledger list/show/verify/batch/export -> import in another workspace; tampering found. */
class LedgerCommandsTest {

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

    private String freezeDataset(Path ws) throws Exception {
        try (Workspace w = Workspace.open(ws)) {
            DatasetStore store = new DatasetStore(w);
            DatasetInfo ds = store.create("recipes", "");
            for (String who : List.of("alice", "bob")) {
                Path f = Files.writeString(dir.resolve(who + ".jsonl"), "{\"instruction\":\"Q " + who
                        + "\",\"output\":\"A\"}\n{\"instruction\":\"R " + who + "\",\"output\":\"B\"}\n");
                store.importFile(ds.id(), f, ImportOptions.builder().contributor(who).licence("MIT")
                        .allowedUses(Set.of(Use.TRAIN)).build(), ProgressListener.NONE, CancellationToken.NONE);
            }
            DatasetVersion v = store.freeze(ds.id(), FreezeOptions.DEFAULT);
            return v.root();
        }
    }

    @Test
    void attestDatasetThenVerifyExportImportAndDetectTampering() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
        String root = freezeDataset(a);
        Path key = Files.writeString(dir.resolve("key"), "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        assertThat(run(a, "wallet", "import", "--private-key-file", key.toString(), "--name", "curator",
                "--password-file", pw.toString(), "--test-only-light-kdf").code()).isZero();

        Run attest = run(a, "attest", "dataset", "recipes@" + root.substring(0, 8), "--password-file", pw.toString());
        assertThat(attest.code()).as(attest.err()).isZero();
        assertThat(attest.out()).contains("#1 DataContribution").contains("#2 DataContribution").contains("#3 DatasetVersion");
        assertThat(attest.err()).contains("message.contributor").contains("alice");
        assertThat(run(a, "attest", "dataset", "recipes@ffffff", "--password-file", pw.toString()).code())
                .isEqualTo(ExitCodes.BAD_INPUT);

        Run list = run(a, "ledger", "list");
        assertThat(list.out()).contains("#1").contains("#3").contains("valid").doesNotContain("INVALID");
        Run show = run(a, "--json", "ledger", "show", "3");
        assertThat(show.out()).contains("\"message.versionRoot\" : \"0x" + root + "\"").contains("\"verification\" : \"valid\"");
        assertThat(run(a, "ledger", "verify").code()).isZero();
        Run batch = run(a, "--json", "ledger", "batch");
        assertThat(batch.out()).contains("\"lastSeq\" : 3");

        Path bundle = dir.resolve("bundle.json");
        assertThat(run(a, "ledger", "export", bundle.toString()).code()).isZero();
        Run imported = run(b, "--json", "ledger", "import", bundle.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"added\" : 3");
        Run importedList = run(b, "ledger", "list", "--imported");
        assertThat(importedList.out()).contains("#3").contains("DatasetVersion").contains("signer unknown");

        String text = Files.readString(bundle);
        Path tampered = Files.writeString(dir.resolve("tampered.json"), text.replace("R bob", "R eve").replace("alice", "alicf"));
        Run refused = run(b, "ledger", "import", tampered.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("tampered.json").contains("seq 1");

        try (Workspace w = Workspace.open(a)) {
            w.jdbc().inTransaction("tamper", c -> c.createStatement().executeUpdate(
                    "UPDATE ledger_entry SET typed_data = REPLACE(typed_data, 'recipes', 'recipez') WHERE seq = 2"));
        }
        Run verify = run(a, "--json", "ledger", "verify");
        assertThat(verify.code()).isEqualTo(ExitCodes.FAILED);
        assertThat(verify.out()).contains("\"firstBadSeq\" : 2");
        assertThat(run(a, "ledger", "list").out()).contains("INVALID");
    }
}
