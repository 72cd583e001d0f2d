package dev.modelfactory.app.wallet;

import dev.modelfactory.ledger.chain.AnchorRecord;
import dev.modelfactory.ledger.chain.AnchorRequest;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.EntryProof;
import dev.modelfactory.ledger.chain.EntryVerification;
import dev.modelfactory.ledger.chain.Hash32;
import dev.modelfactory.ledger.chain.MerkleProofCheck;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.log.MerkleBatch;
import dev.modelfactory.ledger.log.MerkleProof;
import dev.modelfactory.ledger.store.Settings;
import dev.modelfactory.ledger.store.log.StoredBatch;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anchoring steps the {@code ledger anchor} / {@code ledger verify-anchor} commands and the studio
 * share: which registry a chain uses (kept per chain id in the workspace's settings), the workspace id
 * the anchors carry, the requests for the sealed batches, and an entry's proof against an anchored root.
 */
public final class LedgerAnchors {

    static final String WORKSPACE_ID_KEY = "ledger.anchor.workspace-id";

    private LedgerAnchors() {
    }

    /** The settings key holding the registry address used on {@code chainId}. */
    public static String registryKey(long chainId) {
        return "ledger.anchor.registry." + chainId;
    }

    /** The registry this workspace anchors to on {@code chainId}, if one was used or deployed before. */
    public static Optional<String> registry(Settings settings, long chainId) {
        return settings.get(registryKey(chainId));
    }

    /** Remembers {@code address} as the registry of {@code chainId}. */
    public static void rememberRegistry(Settings settings, long chainId, String address) {
        settings.put(registryKey(chainId), address);
    }

    /**
     * The 32 bytes every anchor of this workspace carries, so that one registry can serve several
     * workspaces; random, made on first use and kept in the settings.
     */
    public static Hash32 workspaceId(Settings settings) {
        Optional<String> known = settings.get(WORKSPACE_ID_KEY);
        if (known.isPresent()) {
            return Hash32.parse(known.get());
        }
        byte[] id = new byte[32];
        new SecureRandom().nextBytes(id);
        Hash32 h = Hash32.of(id);
        settings.put(WORKSPACE_ID_KEY, h.hex());
        return h;
    }

    /** One request per sealed batch, oldest first (anchoring skips those already anchored). */
    public static List<AnchorRequest> requests(LedgerLog log, Hash32 workspaceId) {
        List<AnchorRequest> out = new ArrayList<>();
        for (StoredBatch b : log.batches()) {
            out.add(new AnchorRequest(Hash32.parse(b.root()), b.firstSeq(), b.lastSeq(), workspaceId));
        }
        return out;
    }

    /** The sealed batch that holds entry {@code seq}. */
    public static Optional<StoredBatch> batchOf(LedgerLog log, long seq) {
        return log.batches().stream().filter(b -> b.firstSeq() <= seq && seq <= b.lastSeq()).findFirst();
    }

    /** Each sealed batch with its on-chain record, or empty where its root is not anchored in {@code registry}. */
    public static Map<StoredBatch, Optional<AnchorRecord>> status(LedgerLog log, Anchoring chain, String registry) {
        Map<StoredBatch, Optional<AnchorRecord>> out = new java.util.LinkedHashMap<>();
        for (StoredBatch b : log.batches()) {
            out.put(b, chain.lookup(registry, Hash32.parse(b.root())));
        }
        return out;
    }

    /**
     * Verifies entry {@code seq} against the anchored root of its batch. The proof is rebuilt from the
     * log's stored entry hashes; the caller checks the log itself ({@link LedgerLog#verify}) first, since
     * a proof only says the stored hash is under the root, not that the entry still matches its hash.
     *
     * @throws IllegalArgumentException if the entry is in no sealed batch
     */
    public static EntryVerification verifyEntry(LedgerLog log, Anchoring chain, String registry, long seq) {
        StoredBatch b = batchOf(log, seq).orElseThrow(() -> new IllegalArgumentException(
                "entry " + seq + " is in no sealed batch (seal one with: ledger batch)"));
        MerkleBatch batch = log.batch(b.firstSeq(), b.lastSeq());
        MerkleProof proof = batch.proof(seq);
        EntryProof entryProof = new EntryProof(seq, Hash32.parse(proof.entryHash()),
                proof.siblings().stream().map(Hash32::parse).toList());
        MerkleProofCheck check = (root, first, p) -> first == b.firstSeq()
                && p.leaf().equals(Hash32.parse(proof.entryHash()))
                && proof.verify(root.hex());
        return chain.verifyEntry(registry, Hash32.parse(b.root()), entryProof, check);
    }
}
