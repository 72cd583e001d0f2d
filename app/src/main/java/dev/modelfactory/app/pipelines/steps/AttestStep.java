package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.BenchmarkResult;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TrainingRun;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.log.DatasetAttestations;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.eval.StoredOutput;
import dev.modelfactory.ledger.store.eval.SystemRef;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code attest}: signs the run's records with the wallet and appends them to the workspace's hash-chained
 * ledger in one transaction: for {@code dataset} the version's contribution and version records, for
 * {@code run} a TrainingRun record, for {@code eval} a BenchmarkResult per adapter system. Output
 * {@code records}: the ledger entries' sequence numbers, hashed by their entry hashes.
 */
final class AttestStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        WalletService wallet = ctx.wallet();
        Account account = Unlocking.account(ctx, wallet);
        List<Function<String, List<AttributionRecord>>> builders = new ArrayList<>();
        ctx.input("dataset").ifPresent(v -> builders.add(a -> dataset(ctx, v, a)));
        ctx.input("run").ifPresent(r -> builders.add(a -> List.of(trainingRun(ctx, r, a))));
        ctx.input("eval").ifPresent(e -> builders.add(a -> benchmarks(ctx, e, a)));
        List<AttributionRecord> records = new ArrayList<>();
        builders.forEach(b -> records.addAll(b.apply(account.address())));
        if (records.isEmpty()) {
            throw new StepFailedException(ctx.step().path() + ": nothing to sign (the eval run has no adapter system)");
        }
        Signer signer = Unlocking.unlock(ctx, wallet, account);
        List<SignedRecord> signed = new ArrayList<>();
        try {
            for (AttributionRecord r : records) {
                ctx.cancel().throwIfCancellationRequested();
                TypedData data = r.toTypedData(Eip712Domain.ATTRIBUTION);
                signed.add(new SignedRecord(data, signer.signTypedData(data), account.address()));
            }
        } finally {
            wallet.lockAll();
        }
        List<StoredEntry> entries = new LedgerLog(new LogStore(ctx.workspace()), Clock.systemUTC()).append(signed);
        for (StoredEntry e : entries) {
            ctx.log("#" + e.seq() + " " + e.recordType() + " signed by " + account.name() + " (" + e.signer() + ")");
        }
        String seqs = entries.stream().map(e -> Long.toString(e.seq())).collect(Collectors.joining(","));
        String hash = Hashes.of(entries.stream().map(StoredEntry::entryHash).toArray(String[]::new));
        return StepResult.done(entries.size() + " records signed by " + account.name(), new OutputRef("records",
                OutputKind.ATTESTATION, seqs, hash, entries.size() + " records (#" + seqs + ")"));
    }

    private static List<AttributionRecord> dataset(StepContext ctx, OutputRef v, String curator) {
        String name = v.ref().substring(0, v.ref().lastIndexOf('@'));
        DatasetStore ds = new DatasetStore(ctx.workspace());
        DatasetInfo info = ds.findByName(name).orElseThrow(() -> new StepFailedException(ctx.field("dataset")
                + ": no dataset named " + name));
        DatasetVersion version = ds.version(info.id(), v.hash()).orElseThrow(() -> new StepFailedException(
                ctx.field("dataset") + ": no version " + v.hash()));
        return DatasetAttestations.forVersion(ds, info, version, curator, (d, t) -> { }, ctx.cancel());
    }

    private static TrainingRun trainingRun(StepContext ctx, OutputRef r, String trainer) {
        RunStore runs = new RunStore(ctx.workspace());
        RunRecord run = runs.get(Long.parseLong(r.ref())).orElseThrow(() -> new StepFailedException(ctx.field("run")
                + ": no training run " + r.ref()));
        String adapter = run.adapterHash().orElseThrow(() -> new StepFailedException(ctx.field("run") + ": run "
                + run.id() + " has no adapter"));
        return new TrainingRun(run.spec().baseModel(), run.spec().datasetVersion(), run.spec().configHash(), adapter,
                trainer, metricsHash(runs.metrics(run.id(), -1)));
    }

    /** sha256 over the run's metric points, one line each: step, train loss, eval loss (empty when absent). */
    static String metricsHash(List<MetricPoint> points) {
        StringBuilder b = new StringBuilder();
        points.stream().sorted(Comparator.comparingLong(MetricPoint::step)).forEach(p -> b.append(p.step()).append(',')
                .append(p.trainLoss().isPresent() ? Double.toString(p.trainLoss().getAsDouble()) : "").append(',')
                .append(p.evalLoss().isPresent() ? Double.toString(p.evalLoss().getAsDouble()) : "").append('\n'));
        return Hashes.of(b.toString());
    }

    private static List<AttributionRecord> benchmarks(StepContext ctx, OutputRef e, String evaluator) {
        EvalStore store = new EvalStore(ctx.workspace());
        EvalRunRecord run = store.run(Long.parseLong(e.ref())).orElseThrow(() -> new StepFailedException(
                ctx.field("eval") + ": no eval run " + e.ref()));
        String suiteHash = store.suite(run.suiteName(), run.suiteVersion()).orElseThrow().contentHash();
        List<StoredOutput> outputs = store.outputs(run.id());
        List<AttributionRecord> out = new ArrayList<>();
        for (SystemRef s : run.systems()) {
            if (s.adapterHash() == null || s.adapterHash().isBlank()) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            outputs.stream().filter(o -> o.system().equals(s.label()))
                    .sorted(Comparator.comparing(StoredOutput::task).thenComparing(StoredOutput::itemId))
                    .forEach(o -> b.append(o.task()).append('\t').append(o.itemId()).append('\t')
                            .append(new java.util.TreeMap<>(o.scores())).append('\n'));
            out.add(new BenchmarkResult(s.adapterHash(), suiteHash, Hashes.of(b.toString()), evaluator));
        }
        return out;
    }
}
