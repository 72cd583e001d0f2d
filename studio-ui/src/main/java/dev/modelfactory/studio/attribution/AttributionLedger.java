package dev.modelfactory.studio.attribution;

import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.log.VerifyReport;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.wallet.Network;
import java.util.List;
import java.util.Optional;

/**
 * What the Attribution page needs from the workspace's ledger (the app adapts {@code LedgerLog},
 * {@code DatasetAttestations} and {@code Anchoring}). Every method may touch the database or the network:
 * the page calls them from background tasks.
 */
public interface AttributionLedger {

    /** Every log entry, verified against the wallet's accounts and the known contributors. */
    List<LedgerRecord> records();

    /** Walks the hash chain and the signatures; the first bad entry, if any. */
    VerifyReport verify(ProgressListener progress, CancellationToken cancel);

    /** Frozen dataset versions, newest first. */
    List<FrozenVersion> frozenVersions();

    /** The records attesting {@code version} with {@code curator} as attester, ready to sign. */
    List<TypedData> attestations(FrozenVersion version, String curator, ProgressListener progress,
            CancellationToken cancel);

    /** A Claim by {@code contributor} (an address) over the records with these ids, ready to sign. */
    TypedData claim(String contributor, List<String> recordIds);

    /** Appends signed records in one transaction. */
    void append(List<SignedRecord> records);

    /** Sealed batches; anchoring status is empty (not asked). */
    List<BatchStatus> batches();

    /** Seals the entries after the last batch; empty when there is none. */
    Optional<BatchStatus> seal();

    /** The registry this workspace used on {@code chainId}, if any. */
    Optional<String> registry(long chainId);

    /** The sealed batches with their status in {@code registry} on {@code network}. */
    List<BatchStatus> anchorStatus(Network network, String registry);

    /**
     * Anchors the batches not yet anchored, paid by {@code payer} (an unlocked wallet account); remembers
     * the registry for the chain.
     *
     * @return one line per batch ("anchored in block N" / "already anchored")
     */
    List<String> anchor(Network network, String registry, String payer, ProgressListener progress,
            CancellationToken cancel);
}
