package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.cli.ledger.GanacheChain;
import dev.modelfactory.app.wallet.LedgerAnchors;
import dev.modelfactory.ledger.chain.AnchorRecord;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.RpcSettings;
import dev.modelfactory.ledger.chain.TransactionSigner;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredBatch;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import dev.modelfactory.ledger.store.pipeline.StepStatus;
import dev.modelfactory.ledger.task.CancellationToken;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The pipeline's {@code anchor} step against the local ganache chain (as {@code ledger anchor}'s tests): an
 * attested dataset version's ledger entries are sealed into a batch whose root the registry then holds, paid by
 * the wallet's account; an unreachable chain fails the step with a message naming the chain.
 */
class PipelineAnchorTest {

    @TempDir
    Path dir;

    private static String yaml(String rpc, String registryLine) {
        return """
                name: anchored
                steps:
                  - import:
                      name: data
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                      uses: [train]
                  - freeze:
                      dataset: ${data.dataset}
                  - attest:
                      dataset: ${freeze.version}
                  - anchor:
                      rpc: RPC
                      chain_id: 1337
                REGISTRY""".replace("RPC", rpc).replace("REGISTRY", registryLine);
    }

    @Test
    void anchorsTheAttestedVersionsBatchOnTheChain() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        try (GanacheChain chain = GanacheChain.start(); Workspace ws = Workspace.open(dir.resolve("ws"));
                PipelineService service = f.service(ws)) {
            PipelineFixture.wallet(ws).importPrivateKey(HexFormat.of().parseHex(GanacheChain.ACCOUNT0_KEY), "payer",
                    PipelineFixture.PASSWORD.toCharArray());
            RpcSettings rpc = RpcSettings.builder(chain.url(), GanacheChain.CHAIN_ID).build();
            String registry;
            try (Anchoring a = Anchoring.connect(rpc)) {
                registry = a.deployRegistry(TransactionSigner.of(Credentials.create(GanacheChain.ACCOUNT0_KEY)),
                        CancellationToken.NONE).contractAddress();
            }
            // as `ledger anchor --deploy` leaves it: the step finds the registry in the workspace's settings
            LedgerAnchors.rememberRegistry(ws.settings(), GanacheChain.CHAIN_ID, registry);

            PipelineRunRecord run = service.start(f.write("anchor.yaml", yaml(chain.url(), "")), RunTrigger.MANUAL,
                    PipelineListener.NONE).await();
            assertThat(run.status()).as(run.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            List<StepRecord> steps = service.steps(run.id());
            StepRecord anchor = steps.getLast();
            assertThat(anchor.name()).isEqualTo("anchor");
            assertThat(anchor.status()).isEqualTo(StepStatus.SUCCEEDED);
            OutputRef tx = anchor.output("transactions").orElseThrow();
            assertThat(tx.ref()).matches("0x[0-9a-f]{64}");
            assertThat(tx.label()).isEqualTo("1 transactions");

            // The chain holds every sealed batch's root, the attestation's entries among them.
            LedgerLog log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
            assertThat(log.batches()).isNotEmpty();
            try (Anchoring a = Anchoring.connect(rpc)) {
                Map<StoredBatch, Optional<AnchorRecord>> status = LedgerAnchors.status(log, a, registry);
                assertThat(status).hasSize(log.batches().size());
                assertThat(status.values()).allSatisfy(r -> assertThat(r).isPresent());
                assertThat(status.keySet().stream().mapToLong(StoredBatch::lastSeq).max().orElseThrow())
                        .isEqualTo(log.size());
            }
        }
    }

    @Test
    void anUnreachableChainFailsTheStepNamingTheChain() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineFixture.account(ws);
            // nothing listens on port 9 of this machine (the discard port is not served)
            Path file = f.write("anchor.yaml", yaml("http://127.0.0.1:9",
                    "      registry: \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"\n"));
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(run.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(run.message()).contains("step anchor failed").contains("anchoring on chain 1337 failed");
            assertThat(service.steps(run.id()).getLast().status()).isEqualTo(StepStatus.FAILED);
            // what came before the chain stays done: the attestation is in the ledger, sealed for a later anchor
            LedgerLog log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
            assertThat(log.size()).isPositive();
            assertThat(log.batches()).isNotEmpty();
        }
    }
}
