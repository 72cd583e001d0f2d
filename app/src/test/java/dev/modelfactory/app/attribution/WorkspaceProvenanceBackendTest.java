package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.OutputAttribution;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.provenance.AdapterChoice;
import dev.modelfactory.studio.provenance.AttributionMethod;
import dev.modelfactory.studio.provenance.ContributorShare;
import dev.modelfactory.studio.provenance.EvidenceRow;
import dev.modelfactory.studio.provenance.OutputSpan;
import dev.modelfactory.studio.provenance.ProvenanceQuery;
import dev.modelfactory.studio.provenance.ProvenanceView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Attribution page's real backend on a tiny generated workspace: a tiny model, the "skills" dataset
 * (alice allows training, bob does not), one finished LoRA run. Only alice's rows reach training, so all
 * three kinds of evidence must name alice alone; a signed OutputAttribution of the result verifies offline.
 */
class WorkspaceProvenanceBackendTest {

    /** Row text of alice's (a user turn of the dataset) inside an output. */
    private static final String ROW_TEXT = "Is a tiger an animal or a plant?";
    private static final String OUTPUT = "A. " + ROW_TEXT + " A";

    @TempDir
    Path dir;

    @Test
    void allThreeKindsOfEvidenceForARunsAdapterAndASignedRecordThatVerifiesOffline() throws Exception {
        Path model = TrainingTestData.tinyModel(dir);
        Path wsDir = dir.resolve("ws");
        TrainingTestData.skillDataset(wsDir, dir);
        try (Workspace ws = Workspace.open(wsDir)) {
            TrainingOutcome run = new TrainingService(ws).start(TrainingRequest.of(model.toString(),
                    DatasetRef.parse("skills"), config()).withThreads(2), new dev.modelfactory.app.training.RunListener() {
                    }).await();
            assertThat(run.outcome()).as(run.message()).isEqualTo(RunOutcome.COMPLETED);
            try (WorkspaceProvenanceBackend backend = WorkspaceProvenanceBackend.of(ws)) {

            List<AdapterChoice> adapters = backend.adapters();
            assertThat(adapters).singleElement().satisfies(a -> {
                assertThat(a.ref()).isEqualTo("run:" + run.runId());
                assertThat(a.hash()).isEqualTo(new TrainingService(ws).runs().get(run.runId()).orElseThrow()
                        .adapterHash().orElseThrow());
            });

            List<long[]> progress = new ArrayList<>();
            ProvenanceView view = backend.attribute(new ProvenanceQuery(adapters.getFirst(), ROW_TEXT, OUTPUT,
                    AttributionMethod.TRACIN, 5), (done, total) -> progress.add(new long[] {done, total}),
                    CancellationToken.NONE);

            assertThat(view.notes()).as("every kind answered").noneMatch(n -> n.contains("not available"))
                    .anyMatch(n -> n.startsWith("Influence: TracIn over"));
            assertThat(view.topRows()).hasSize(5).allSatisfy(r -> assertThat(r.contributor()).isEqualTo("alice"));
            assertThat(view.topRows()).extracting(EvidenceRow::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(view.shares()).containsExactly(new ContributorShare("alice", 10_000));
            assertThat(view.spans()).isNotEmpty();
            assertThat(view.spans()).anySatisfy(s -> assertThat(OUTPUT.substring(s.start(), s.end())).contains("tiger"));
            for (OutputSpan s : view.spans()) {
                assertThat(s.tokens()).isGreaterThanOrEqualTo(4);
                assertThat(s.count()).isPositive();
                assertThat(s.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.contributor()).isEqualTo("alice"));
            }
            assertThat(view.citations()).isNotEmpty().hasSizeLessThanOrEqualTo(5)
                    .allSatisfy(r -> assertThat(r.contributor()).isEqualTo("alice"));
            assertThat(view.citations().getFirst().snippet()).contains("tiger");
            assertThat(Stream.concat(view.topRows().stream(), view.citations().stream()).map(EvidenceRow::snippet))
                    .noneMatch(t -> t.contains("bobsecret"));
            assertThat(progress).isNotEmpty();
            assertThat(progress.getLast()).containsExactly(3000, 3000);
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            }

            assertThatThrownBy(() -> backend.attribute(new ProvenanceQuery(adapters.getFirst(), ROW_TEXT, OUTPUT,
                    AttributionMethod.DATAINF, 5), ProgressListener.NONE, () -> true))
                    .isInstanceOf(CancellationException.class);

            // Sign the shares with a wallet account, store, and verify from the stored entry alone.
            WalletService wallet = WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.lightForTestsOnly()).build();
            Account curator = wallet.importPrivateKey(HexFormat.of().parseHex(
                    "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d"), "curator", "pw".toCharArray());
            wallet.unlock(curator.address(), "pw".toCharArray());
            TypedData data = new OutputAttribution(view.outputHash(), view.query().adapter().hash(), view.shares().stream()
                    .map(s -> new OutputAttribution.Share(s.contributor(), s.bps())).toList(), curator.address())
                    .toTypedData(Eip712Domain.ATTRIBUTION);
            backend.store(new SignedRecord(data, wallet.signer(curator.address()).signTypedData(data), curator.address()));
            LedgerLog log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
            StoredEntry e = log.entry(1).orElseThrow();
            SignedRecord stored = new SignedRecord(TypedData.parse(e.typedData()), Signature.parse(e.signature()), e.signer());
            assertThat(stored.verify(a -> a.equalsIgnoreCase(curator.address())).status()).isEqualTo(Verification.Status.VALID);
            assertThat(log.verify(ProgressListener.NONE, CancellationToken.NONE).ok()).isTrue();
            assertThat(e.typedData()).contains(view.outputHash()).contains(view.query().adapter().hash());
            SignedRecord forged = new SignedRecord(TypedData.parse(e.typedData().replace("10000", "9999")),
                    stored.signature(), stored.signer());
            assertThat(forged.verify(a -> true).status()).isEqualTo(Verification.Status.INVALID);
            }
        }

        // The attribute command adds the spans and citations to its JSON, beside the influence shares.
        StringWriter out = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--workspace",
                wsDir.toString(), "--json", "attribute", "--adapter", "run:1", "--prompt", ROW_TEXT, "--output", OUTPUT,
                "--top", "3");
        assertThat(code).as(out.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("shares").get(0).path("contributor").asText()).isEqualTo("alice");
        assertThat(json.path("spans").size()).isPositive();
        for (JsonNode s : json.path("spans")) {
            assertThat(s.path("text").asText()).isEqualTo(OUTPUT.substring(s.path("start").asInt(), s.path("end").asInt()));
        }
        assertThat(json.path("citations").size()).isBetween(1, 3);
        assertThat(json.path("citations").get(0).path("contributor").asText()).isEqualTo("alice");
    }

    static TrainingConfig config() {
        return TrainingConfig.builder().learningRate(5e-2).maxSteps(8).batchSize(4).seqLen(64).seed(5)
                .evalEvery(4).checkpointEvery(4).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP, LoraTarget.DOWN),
                        8, 32f, 0f, false)).build();
    }
}
