package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.task.CancellationToken;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;

/**
 * Deploy, anchor, read back, decode, re-anchor and verify against a real ganache chain (EIP-1559,
 * "london"), started and stopped by this class. Skipped with the reason where node or ganache is
 * missing, except under CI=true, where it must run.
 */
class AnchoringDevChainTest {

    private static final TransactionSigner SIGNER0 = TransactionSigner.of(DevChain.ACCOUNT0);
    private static final TransactionSigner SIGNER1 = TransactionSigner.of(DevChain.ACCOUNT1);
    private static final Hash32 WORKSPACE = PositionalKeccakMerkle.leaf("workspace: test");

    private static DevChain chain;
    private static Anchoring anchoring;
    private static String registry;

    @BeforeAll
    static void startChain() throws Exception {
        chain = DevChain.start("london");
        anchoring = Anchoring.connect(chain.settings().build());
        registry = anchoring.deployRegistry(SIGNER0, CancellationToken.NONE).contractAddress();
    }

    @AfterAll
    static void stopChain() throws Exception {
        if (anchoring != null) {
            anchoring.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private static AnchorRequest batch(String label, long first, long last) {
        return new AnchorRequest(PositionalKeccakMerkle.leaf(label), first, last, WORKSPACE);
    }

    @Test
    void deployedRegistryHasCodeAndNoRecords() {
        assertThat(anchoring.chainId()).isEqualTo(1337);
        assertThat(anchoring.client().code(registry)).hasSizeGreaterThan(100);
        assertThat(anchoring.lookup(registry, PositionalKeccakMerkle.leaf("never anchored"))).isEmpty();
    }

    @Test
    void anchorsWithEip1559ReadsTheRecordBackAndDecodesTheEvent() {
        AnchorRequest req = batch("batch A", 0, 9);
        AnchorResult r = anchoring.anchor(registry, SIGNER0, req, CancellationToken.NONE);

        assertThat(r.outcome()).isEqualTo(AnchorResult.Outcome.ANCHORED);
        SentTransaction tx = r.transaction().orElseThrow();
        assertThat(tx.type()).isEqualTo(TransactionMode.EIP1559);
        String submitter = Keys.toChecksumAddress(DevChain.ACCOUNT0.getAddress());

        AnchoredEvent e = r.event().orElseThrow();
        assertThat(e).isEqualTo(new AnchoredEvent(req.root(), submitter, WORKSPACE, 0, 9, tx.hash(), tx.blockNumber()));

        AnchorRecord rec = anchoring.lookup(registry, req.root()).orElseThrow();
        assertThat(rec).isEqualTo(r.record());
        assertThat(rec.submitter()).isEqualTo(submitter);
        assertThat(rec.blockNumber()).isEqualTo(tx.blockNumber());
        assertThat(rec.blockTime()).isEqualTo(anchoring.client().blockTime(tx.blockNumber()));
        assertThat(rec.firstEntry()).isZero();
        assertThat(rec.lastEntry()).isEqualTo(9);
        assertThat(rec.workspaceId()).isEqualTo(WORKSPACE);
    }

    @Test
    void anchoringTheSameBatchTwiceIsHarmless() {
        AnchorRequest req = batch("batch B", 10, 19);
        AnchorResult first = anchoring.anchor(registry, SIGNER0, req, CancellationToken.NONE);
        long head = anchoring.client().blockNumber();

        AnchorResult again = anchoring.anchor(registry, SIGNER0, req, CancellationToken.NONE);

        assertThat(again.outcome()).isEqualTo(AnchorResult.Outcome.ALREADY_ANCHORED);
        assertThat(again.transaction()).isEmpty();
        assertThat(again.record()).isEqualTo(first.record());
        assertThat(anchoring.client().blockNumber()).as("nothing was sent").isEqualTo(head);
    }

    @Test
    void aRacingDuplicateAnchorIsANoOpOnChainNotARevert() {
        AnchorRequest req = batch("batch C", 20, 29);
        AnchorResult first = anchoring.anchor(registry, SIGNER0, req, CancellationToken.NONE);

        // Bypass the facade's look-up, as a second wallet racing the first would: the contract itself
        // must keep the first record, succeed without reverting, and emit nothing.
        AnchorRequest other = new AnchorRequest(req.root(), 0, 1, PositionalKeccakMerkle.leaf("other workspace"));
        ChainClient.Mined dup = anchoring.client().send(SIGNER1, registry, RegistryContract.encodeAnchor(other),
                CancellationToken.NONE);

        assertThat(dup.receipt().isStatusOK()).isTrue();
        assertThat(RegistryContract.anchoredEvents(dup.receipt().getLogs(), registry)).isEmpty();
        assertThat(dup.transaction().gasUsed().longValueExact())
                .as("a duplicate costs far less than the first anchor")
                .isLessThan(first.transaction().orElseThrow().gasUsed().longValueExact());
        assertThat(anchoring.lookup(registry, req.root())).contains(first.record());
    }

    @Test
    void verifiesAMemberAndRejectsATamperedLeafAnEntryOutsideTheBatchAndAnUnknownRoot() {
        List<Hash32> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(PositionalKeccakMerkle.leaf("entry " + (100 + i)));
        }
        PositionalKeccakMerkle tree = new PositionalKeccakMerkle(leaves);
        MerkleProofCheck check = PositionalKeccakMerkle.check(leaves.size());
        anchoring.anchor(registry, SIGNER0, new AnchorRequest(tree.root(), 100, 104, WORKSPACE), CancellationToken.NONE);

        for (int i = 0; i < leaves.size(); i++) {
            EntryVerification v = anchoring.verifyEntry(registry, tree.root(),
                    new EntryProof(100 + i, leaves.get(i), tree.proof(i)), check);
            assertThat(v.verified()).as("entry %d: %s", 100 + i, v.detail()).isTrue();
            assertThat(v.anchor().orElseThrow().firstEntry()).isEqualTo(100);
            assertThat(v.confirmations()).isPositive();
            assertThat(v.detail()).contains("block " + v.anchor().orElseThrow().blockNumber());
        }

        byte[] tampered = leaves.get(3).bytes();
        tampered[31] ^= 1;
        EntryVerification bad = anchoring.verifyEntry(registry, tree.root(),
                new EntryProof(103, Hash32.of(tampered), tree.proof(3)), check);
        assertThat(bad.status()).isEqualTo(EntryVerification.Status.PROOF_MISMATCH);

        EntryVerification swapped = anchoring.verifyEntry(registry, tree.root(),
                new EntryProof(102, leaves.get(3), tree.proof(3)), check);
        assertThat(swapped.status()).as("right leaf, wrong position").isEqualTo(EntryVerification.Status.PROOF_MISMATCH);

        EntryVerification outside = anchoring.verifyEntry(registry, tree.root(),
                new EntryProof(105, leaves.get(4), tree.proof(4)), check);
        assertThat(outside.status()).isEqualTo(EntryVerification.Status.OUTSIDE_RANGE);

        EntryVerification unknown = anchoring.verifyEntry(registry, PositionalKeccakMerkle.leaf("unknown root"),
                new EntryProof(100, leaves.get(0), tree.proof(0)), check);
        assertThat(unknown.status()).isEqualTo(EntryVerification.Status.NOT_ANCHORED);
        assertThat(unknown.anchor()).isEmpty();
    }

    @Test
    void legacyTransactionsWorkWhenAsked() {
        try (Anchoring legacy = Anchoring.connect(chain.settings().mode(TransactionMode.LEGACY).build())) {
            AnchorResult r = legacy.anchor(registry, SIGNER1, batch("batch legacy", 0, 0), CancellationToken.NONE);
            assertThat(r.outcome()).isEqualTo(AnchorResult.Outcome.ANCHORED);
            assertThat(r.transaction().orElseThrow().type()).isEqualTo(TransactionMode.LEGACY);
            assertThat(r.record().submitter()).isEqualTo(Keys.toChecksumAddress(DevChain.ACCOUNT1.getAddress()));
        }
    }

    @Test
    void aRevertIsRefusedAtGasEstimationWithTheContractsReason() {
        String zeroRoot = RegistryContract.encodeAnchor(batch("x", 0, 0)).replace(
                PositionalKeccakMerkle.leaf("x").hex().substring(2), "00".repeat(32));
        assertThatThrownBy(() -> anchoring.client().send(SIGNER0, registry, zeroRoot, CancellationToken.NONE))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.REJECTED))
                .hasMessageContaining("zero root");
    }

    @Test
    void aSignerWhoseSignatureDoesNotMatchItsAddressIsRefusedBeforeSending() {
        TransactionSigner liar = new TransactionSigner() {
            @Override
            public String address() {
                return DevChain.ACCOUNT0.getAddress();
            }

            @Override
            public byte[] signDigest(byte[] digest) {
                return SIGNER1.signDigest(digest);
            }
        };
        assertThatThrownBy(() -> anchoring.anchor(registry, liar, batch("batch liar", 0, 0), CancellationToken.NONE))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.BAD_INPUT))
                .hasMessageContaining("recovers to");
    }

    @Test
    void anAddressWithoutARegistryIsAClearError() {
        String account = DevChain.ACCOUNT1.getAddress();
        assertThatThrownBy(() -> anchoring.anchor(account, SIGNER0, batch("batch D", 0, 0), CancellationToken.NONE))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.BAD_INPUT))
                .hasMessageContaining("no contract at " + account);
    }

    @Test
    void aReceiptTimeoutSaysSoAndAnchoringAgainAfterwardsIsHarmless() throws Exception {
        AnchorRequest req = batch("batch slow", 40, 49);
        try (Anchoring impatient = Anchoring.connect(chain.settings().receiptTimeout(Duration.ofMillis(300)).build())) {
            chain.rpc("miner_stop");
            try {
                assertThatThrownBy(() -> impatient.anchor(registry, SIGNER0, req, CancellationToken.NONE))
                        .isInstanceOfSatisfying(ChainException.class,
                                e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.TIMEOUT))
                        .hasMessageContaining("not mined within")
                        .hasMessageContaining("anchoring again is harmless");
            } finally {
                chain.rpc("miner_start");
            }
        }
        chain.rpc("evm_mine"); // the pending anchor is mined now, if it was not on miner_start
        AnchorResult again = anchoring.anchor(registry, SIGNER0, req, CancellationToken.NONE);
        assertThat(again.outcome()).isEqualTo(AnchorResult.Outcome.ALREADY_ANCHORED);
        assertThat(again.transaction()).isEmpty();
        assertThat(again.record().firstEntry()).isEqualTo(40);
    }

    @Test
    void cancellingWhileWaitingForTheReceiptStops() throws Exception {
        AnchorRequest req = batch("batch cancelled", 50, 59);
        chain.rpc("miner_stop");
        try {
            java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
            CancellationToken afterTwoPolls = () -> polls.incrementAndGet() > 2;
            assertThatThrownBy(() -> anchoring.anchor(registry, SIGNER0, req, afterTwoPolls))
                    .isInstanceOf(java.util.concurrent.CancellationException.class);
        } finally {
            chain.rpc("miner_start");
        }
        chain.rpc("evm_mine");
        assertThat(anchoring.lookup(registry, req.root())).as("the sent transaction still lands").isPresent();
    }

    @Test
    void transientHttpErrorsAreRetriedAndASendThatArrivedDespiteTheErrorIsNotSentTwice() throws Exception {
        try (FlakyProxy proxy = new FlakyProxy(chain.url())) {
            proxy.fail("eth_chainId", 2, false);
            try (Anchoring flaky = Anchoring.connect(RpcSettings.builder(proxy.url(), DevChain.CHAIN_ID)
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).receiptPoll(Duration.ofMillis(50)).build())) {
                assertThat(proxy.seen("eth_chainId")).isEqualTo(3);
                BigInteger nonceBefore = nonce(DevChain.ACCOUNT1.getAddress());

                // The node gets the transaction and mines it, but the client sees a 503 and sends the same
                // bytes again: it must recognise its own transaction, not rebuild it with the next nonce.
                proxy.fail("eth_sendRawTransaction", 1, true);
                AnchorResult r = flaky.anchor(registry, SIGNER1, batch("batch flaky", 60, 69), CancellationToken.NONE);

                assertThat(proxy.seen("eth_sendRawTransaction")).isEqualTo(2);
                assertThat(r.outcome()).isEqualTo(AnchorResult.Outcome.ANCHORED);
                assertThat(r.transaction().orElseThrow().nonce()).isEqualTo(nonceBefore);
                assertThat(nonce(DevChain.ACCOUNT1.getAddress())).as("exactly one transaction")
                        .isEqualTo(nonceBefore.add(BigInteger.ONE));
            }
        }
    }

    private static BigInteger nonce(String address) throws Exception {
        return anchoring.client().transactionCount(address);
    }

    @Test
    void anchorAllSkipsWhatIsAnchoredAndReportsProgress() {
        AnchorRequest done = batch("batch all 1", 70, 79);
        anchoring.anchor(registry, SIGNER0, done, CancellationToken.NONE);
        List<AnchorRequest> batches = List.of(done, batch("batch all 2", 80, 89), batch("batch all 3", 90, 99));
        List<long[]> reports = new ArrayList<>();

        List<AnchorResult> results = anchoring.anchorAll(registry, SIGNER0, batches,
                (d, t) -> reports.add(new long[] {d, t}), CancellationToken.NONE);

        assertThat(results).extracting(AnchorResult::outcome).containsExactly(AnchorResult.Outcome.ALREADY_ANCHORED,
                AnchorResult.Outcome.ANCHORED, AnchorResult.Outcome.ANCHORED);
        assertThat(results).extracting(r -> r.record().root()).containsExactly(
                batches.get(0).root(), batches.get(1).root(), batches.get(2).root());
        assertThat(reports).extracting(r -> r[0]).containsExactly(0L, 1L, 2L, 3L);
        assertThat(reports).extracting(r -> r[1]).containsOnly(3L);
    }

    @Test
    void theWrongChainIdIsRefusedOnConnect() {
        RpcSettings mainnet = RpcSettings.builder(chain.url(), 1).build();
        assertThatThrownBy(() -> Anchoring.connect(mainnet))
                .isInstanceOfSatisfying(ChainException.class,
                        e -> assertThat(e.reason()).isEqualTo(ChainException.Reason.WRONG_CHAIN))
                .hasMessage("wrong chain: RPC at " + chain.url() + " serves chain id 1337, expected 1");
    }
}
