package dev.modelfactory.app.wallet;

import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.Claim;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.chain.AnchorRecord;
import dev.modelfactory.ledger.chain.AnchorResult;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.RpcSettings;
import dev.modelfactory.ledger.log.DatasetAttestations;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.log.VerifyReport;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredBatch;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.Addresses;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.studio.attribution.AttributionLedger;
import dev.modelfactory.studio.attribution.BatchStatus;
import dev.modelfactory.studio.attribution.FrozenVersion;
import dev.modelfactory.studio.attribution.LedgerRecord;
import dev.modelfactory.studio.wallet.Network;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Attribution page over the workspace's log, datasets and the chain. A signer is "known" when it is
 * one of the wallet's accounts or an address some record of the log names as its contributor.
 */
public final class WorkspaceAttributionLedger implements AttributionLedger {

    private static final int PAGE = 1000;

    private final Workspace ws;
    private final WalletService wallet;
    private final LedgerLog log;

    public WorkspaceAttributionLedger(Workspace ws, WalletService wallet) {
        this.ws = ws;
        this.wallet = wallet;
        this.log = new LedgerLog(new LogStore(ws), Clock.systemUTC());
    }

    @Override
    public List<LedgerRecord> records() {
        List<StoredEntry> entries = new ArrayList<>();
        long next = 1;
        while (true) {
            List<StoredEntry> page = log.entries(next, PAGE);
            entries.addAll(page);
            if (page.size() < PAGE) {
                break;
            }
            next = page.getLast().seq() + 1;
        }
        Set<String> known = new HashSet<>();
        wallet.accounts().forEach(a -> known.add(a.address().toLowerCase(Locale.ROOT)));
        List<Parsed> parsed = entries.stream().map(Parsed::of).toList();
        parsed.forEach(p -> p.contributor().filter(Addresses::looksLikeAddress)
                .ifPresent(c -> known.add(c.toLowerCase(Locale.ROOT))));
        Predicate<String> isKnown = a -> known.contains(a.toLowerCase(Locale.ROOT));
        List<LedgerRecord> out = new ArrayList<>();
        for (Parsed p : parsed) {
            StoredEntry e = p.entry();
            Verification v = p.record().map(r -> r.verify(isKnown)).orElseGet(() ->
                    new Verification(Verification.Status.INVALID, Optional.empty(), p.problem()));
            out.add(new LedgerRecord(e.seq(), e.recordType(), p.record().map(SignedRecord::id).orElse(""), e.signer(),
                    p.contributor().orElse(e.signer()), Instant.ofEpochMilli(e.createdAt()), e.entryHash(), e.prevHash(),
                    e.signature(), p.record().map(r -> r.data().displayFields()).orElse(List.of()), v));
        }
        return out;
    }

    /** A stored entry parsed once: its signed record (or why it cannot be read) and contributor member. */
    private record Parsed(StoredEntry entry, Optional<SignedRecord> record, Optional<String> contributor, String problem) {
        static Parsed of(StoredEntry e) {
            try {
                TypedData data = TypedData.parse(e.typedData());
                SignedRecord r = new SignedRecord(data, Signature.parse(e.signature()), e.signer());
                String c = data.message().path("contributor").asString("");
                return new Parsed(e, Optional.of(r), c.isEmpty() ? Optional.empty() : Optional.of(c), "");
            } catch (RuntimeException ex) {
                return new Parsed(e, Optional.empty(), Optional.empty(), "the entry cannot be read: " + ex.getMessage());
            }
        }
    }

    @Override
    public VerifyReport verify(ProgressListener progress, CancellationToken cancel) {
        return log.verify(progress, cancel);
    }

    @Override
    public List<FrozenVersion> frozenVersions() {
        DatasetStore store = new DatasetStore(ws);
        List<FrozenVersion> out = new ArrayList<>();
        for (DatasetInfo d : store.list()) {
            for (DatasetVersion v : store.versions(d.id())) {
                out.add(new FrozenVersion(d.id(), d.name(), v.root(), v.rowCount()));
            }
        }
        return out;
    }

    @Override
    public List<TypedData> attestations(FrozenVersion version, String curator, ProgressListener progress,
            CancellationToken cancel) {
        DatasetStore store = new DatasetStore(ws);
        DatasetInfo info = store.list().stream().filter(d -> d.id() == version.datasetId()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("dataset " + version.dataset() + " no longer exists"));
        DatasetVersion v = store.versions(info.id()).stream().filter(x -> x.root().equals(version.root())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("version " + version + " no longer exists"));
        List<AttributionRecord> records = DatasetAttestations.forVersion(store, info, v, curator, progress, cancel);
        return records.stream().map(r -> r.toTypedData(Eip712Domain.ATTRIBUTION)).toList();
    }

    @Override
    public TypedData claim(String contributor, List<String> recordIds) {
        return new Claim(contributor, recordIds).toTypedData(Eip712Domain.ATTRIBUTION);
    }

    @Override
    public void append(List<SignedRecord> records) {
        log.append(records);
    }

    @Override
    public List<BatchStatus> batches() {
        return log.batches().stream().map(b -> status(b, Optional.empty())).toList();
    }

    @Override
    public Optional<BatchStatus> seal() {
        return log.sealBatch().map(b -> status(b, Optional.empty()));
    }

    @Override
    public Optional<String> registry(long chainId) {
        return LedgerAnchors.registry(ws.settings(), chainId);
    }

    @Override
    public List<BatchStatus> anchorStatus(Network network, String registry) {
        try (Anchoring chain = Anchoring.connect(rpc(network))) {
            List<BatchStatus> out = new ArrayList<>();
            for (Map.Entry<StoredBatch, Optional<AnchorRecord>> e : LedgerAnchors.status(log, chain, registry).entrySet()) {
                out.add(status(e.getKey(), Optional.of(e.getValue().map(a -> "anchored in block " + a.blockNumber()
                        + " at " + a.blockTime() + " by " + a.submitter()).orElse("not anchored"))));
            }
            return out;
        }
    }

    @Override
    public List<String> anchor(Network network, String registry, String payer, ProgressListener progress,
            CancellationToken cancel) {
        Account a = wallet.account(payer);
        try (Anchoring chain = Anchoring.connect(rpc(network))) {
            WalletTransactionSigner signer = new WalletTransactionSigner(wallet.signer(a.address()));
            List<AnchorResult> results = chain.anchorAll(registry, signer,
                    LedgerAnchors.requests(log, LedgerAnchors.workspaceId(ws.settings())), progress, cancel);
            LedgerAnchors.rememberRegistry(ws.settings(), network.chainId(), registry);
            return results.stream().map(r -> "Batch #" + r.record().firstEntry() + "\u2013#" + r.record().lastEntry()
                    + (r.outcome() == AnchorResult.Outcome.ANCHORED ? " anchored in block " : " already anchored in block ")
                    + r.record().blockNumber()).toList();
        }
    }

    private static RpcSettings rpc(Network n) {
        return RpcSettings.builder(n.rpcUrl(), n.chainId()).build();
    }

    private static BatchStatus status(StoredBatch b, Optional<String> anchor) {
        return new BatchStatus(b.firstSeq(), b.lastSeq(), b.root(), b.createdAt(), anchor);
    }
}
