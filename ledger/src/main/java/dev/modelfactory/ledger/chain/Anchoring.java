package dev.modelfactory.ledger.chain;

import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service behind {@code ledger anchor --rpc URL} and the studio's anchoring status: deploy the
 * registry, anchor a batch root, look a root up, verify a ledger entry against an anchored root.
 *
 * <p>Anchoring is idempotent at two levels: this facade looks the root up first and sends nothing when
 * it is already anchored; and should two anchors of one root race, the contract keeps the first and
 * the second transaction is a cheap no-op (no revert, no event), reported as
 * {@link AnchorResult.Outcome#ALREADY_ANCHORED}.
 *
 * <p>Usage: {@code try (Anchoring a = Anchoring.connect(RpcSettings.builder(url, chainId).build())) { ... }}.
 */
public final class Anchoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Anchoring.class);

    private final ChainClient client;

    private Anchoring(ChainClient client) {
        this.client = client;
    }

    /**
     * Connects to the endpoint and checks it serves the expected chain.
     *
     * @throws ChainException UNREACHABLE ("cannot reach RPC at URL: ...") or WRONG_CHAIN
     */
    public static Anchoring connect(RpcSettings settings) {
        return new Anchoring(ChainClient.connect(settings));
    }

    /** The connected chain's id (equal to the expected one). */
    public long chainId() {
        return client.chainId();
    }

    /** The underlying client, for status queries (head block, EIP-1559 support). */
    public ChainClient client() {
        return client;
    }

    /**
     * Deploys a new, empty registry paid by {@code signer}.
     *
     * @return the mined deployment; {@link SentTransaction#contractAddress()} is the registry's address
     */
    public SentTransaction deployRegistry(TransactionSigner signer, CancellationToken cancel) {
        ChainClient.Mined m = client.send(signer, null, RegistryContract.creationBytecode(), cancel);
        String address = m.transaction().contractAddress();
        if (address == null || "0x".equals(client.code(address))) {
            throw new ChainException(ChainException.Reason.REJECTED, "deployment " + m.transaction().hash()
                    + " was mined but left no contract code (does the chain support the 'paris' EVM?)");
        }
        LOG.info("registry deployed at {} on chain {}", address, client.chainId());
        return m.transaction();
    }

    /** The registry's record of {@code root}, or empty when it was never anchored there. */
    public Optional<AnchorRecord> lookup(String registry, Hash32 root) {
        String reg = requireRegistry(registry);
        return read(reg, root);
    }

    /**
     * Anchors a batch, paid and signed by {@code signer}. Harmless to repeat: a root already anchored
     * (by anyone) is reported with its existing record and nothing is sent.
     *
     * @throws ChainException BAD_INPUT when there is no registry at {@code registry}; REJECTED, TIMEOUT or
     *                        UNREACHABLE as the transaction fails (see {@link ChainClient})
     */
    public AnchorResult anchor(String registry, TransactionSigner signer, AnchorRequest request,
            CancellationToken cancel) {
        String reg = requireRegistry(registry);
        Optional<AnchorRecord> existing = read(reg, request.root());
        if (existing.isPresent()) {
            LOG.info("root {} already anchored in block {}", request.root(), existing.get().blockNumber());
            return new AnchorResult(AnchorResult.Outcome.ALREADY_ANCHORED, existing.get(), Optional.empty(),
                    Optional.empty());
        }
        ChainClient.Mined m = client.send(signer, reg, RegistryContract.encodeAnchor(request), cancel);
        Optional<AnchoredEvent> event = RegistryContract.anchoredEvent(m.receipt().getLogs(), reg, request.root());
        if (event.isPresent()) {
            // The event is this transaction's own account of what it stored; reading the registry again
            // could hit a lagging node behind a load balancer and find nothing yet.
            AnchoredEvent e = event.get();
            AnchorRecord record = new AnchorRecord(e.root(), e.submitter(), e.blockNumber(),
                    client.blockTime(e.blockNumber()), e.firstEntry(), e.lastEntry(), e.workspaceId());
            return new AnchorResult(AnchorResult.Outcome.ANCHORED, record, event, Optional.of(m.transaction()));
        }
        // No event: another anchor of the root won the race and the contract kept it; report that one.
        AnchorRecord record = read(reg, request.root()).orElseThrow(() -> new ChainException(
                ChainException.Reason.REJECTED, "transaction " + m.transaction().hash()
                        + " was mined but neither emitted Anchored nor left a record of root " + request.root()));
        return new AnchorResult(AnchorResult.Outcome.ALREADY_ANCHORED, record, event, Optional.of(m.transaction()));
    }

    /**
     * Anchors several batches in order, one transaction per batch not yet anchored: what
     * {@code ledger anchor} does for the log's batches. Stops at the first failure (the exception says
     * which; batches before it stay anchored and are skipped on the next run).
     *
     * @param progress batches handled so far out of {@code requests.size()}
     * @return one result per request, in order
     */
    public List<AnchorResult> anchorAll(String registry, TransactionSigner signer, List<AnchorRequest> requests,
            ProgressListener progress, CancellationToken cancel) {
        List<AnchorResult> results = new ArrayList<>(requests.size());
        progress.onProgress(0, requests.size());
        for (AnchorRequest request : requests) {
            cancel.throwIfCancellationRequested();
            results.add(anchor(registry, signer, request, cancel));
            progress.onProgress(results.size(), requests.size());
        }
        return List.copyOf(results);
    }

    /**
     * Verifies a ledger entry against an anchored root: the root must be in the registry, the entry in
     * the range its submitter declared, and the proof must lead from the entry's leaf to the root. The
     * proof is checked locally; the chain only says when the root was anchored and by whom.
     */
    public EntryVerification verifyEntry(String registry, Hash32 root, EntryProof proof, MerkleProofCheck check) {
        Optional<AnchorRecord> found = lookup(registry, root);
        if (found.isEmpty()) {
            return new EntryVerification(EntryVerification.Status.NOT_ANCHORED, Optional.empty(), 0,
                    "root " + root + " is not anchored in registry " + registry + " on chain " + chainId());
        }
        AnchorRecord a = found.get();
        long confirmations = Math.max(0, client.blockNumber() - a.blockNumber() + 1);
        if (!a.covers(proof.entry())) {
            return new EntryVerification(EntryVerification.Status.OUTSIDE_RANGE, found, confirmations,
                    "entry " + proof.entry() + " is outside the anchored batch's entries " + a.firstEntry() + ".."
                            + a.lastEntry());
        }
        if (!check.holds(root, a.firstEntry(), proof)) {
            return new EntryVerification(EntryVerification.Status.PROOF_MISMATCH, found, confirmations,
                    "the proof of entry " + proof.entry() + " does not lead to root " + root
                            + " (the entry or its proof was altered)");
        }
        return new EntryVerification(EntryVerification.Status.VERIFIED, found, confirmations,
                "entry " + proof.entry() + " is in batch " + root + ", anchored in block " + a.blockNumber()
                        + " at " + a.blockTime() + " by " + a.submitter());
    }

    private Optional<AnchorRecord> read(String registry, Hash32 root) {
        RegistryContract.Lookup l = RegistryContract.decodeLookup(
                client.call(registry, RegistryContract.encodeLookup(root)));
        if (!l.found()) {
            return Optional.empty();
        }
        return Optional.of(new AnchorRecord(root, l.submitter(), l.blockNumber(), Instant.ofEpochSecond(l.timestamp()),
                l.firstEntry(), l.lastEntry(), l.workspaceId()));
    }

    private String requireRegistry(String registry) {
        String reg = ChainClient.checkAddress(registry, "registry address");
        if ("0x".equals(client.code(reg))) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "no contract at " + registry + " on chain "
                    + chainId() + " (" + client.url() + "): deploy a registry first");
        }
        return reg;
    }

    @Override
    public void close() {
        client.close();
    }
}
