package dev.modelfactory.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.attribution.Claim;
import dev.modelfactory.ledger.attribution.DatasetVersionRecord;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.wallet.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Hash;

class LedgerLogTest {

    static final KeyMaterial COW = new KeyMaterial(Hash.sha3("cow".getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dir;

    static SignedRecord record(int i) {
        String root = "0x" + String.format("%064x", 1000 + i);
        TypedData data = new DatasetVersionRecord("set-" + i, root, null, COW.address(), null).toTypedData(Eip712Domain.ATTRIBUTION);
        return new SignedRecord(data, COW.signTypedData(data), COW.address());
    }

    static LedgerLog log(Workspace ws) {
        return new LedgerLog(new LogStore(ws), Clock.systemUTC());
    }

    static void fill(LedgerLog log, int n) {
        List<SignedRecord> records = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            records.add(record(i));
        }
        log.append(records.subList(0, n / 2));
        records.subList(n / 2, n).forEach(log::append);
    }

    @Test
    void appendedEntriesChainAndVerify() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            LedgerLog log = log(ws);
            fill(log, 5);
            assertThat(log.size()).isEqualTo(5);
            List<StoredEntry> all = log.entries(1, 100);
            assertThat(all.getFirst().prevHash()).isEqualTo(LogStore.GENESIS);
            for (int i = 1; i < all.size(); i++) {
                assertThat(all.get(i).prevHash()).isEqualTo(all.get(i - 1).entryHash());
                assertThat(all.get(i).seq()).isEqualTo(i + 1);
            }
            VerifyReport r = log.verify(ProgressListener.NONE, CancellationToken.NONE);
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(5);
        }
    }

    @Test
    void invalidSignatureIsNeverAppended() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            LedgerLog log = log(ws);
            SignedRecord good = record(1);
            SignedRecord forged = new SignedRecord(record(2).data(), good.signature(), COW.address());
            assertThatThrownBy(() -> log.append(List.of(good, forged))).hasMessageContaining("invalid signature");
            assertThat(log.size()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"record_type", "typed_data", "signature", "signer", "created_at", "prev_hash", "entry_hash"})
    void oneTamperedByteIsReportedAtThatEntry(String column) throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            LedgerLog log = log(ws);
            fill(log, 5);
            ws.jdbc().inTransaction("tamper", c -> {
                if (column.equals("created_at")) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE ledger_entry SET created_at = created_at + 1 WHERE seq = 3")) {
                        return s.executeUpdate();
                    }
                }
                String value;
                try (PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM ledger_entry WHERE seq = 3");
                     var rs = s.executeQuery()) {
                    rs.next();
                    value = rs.getString(1);
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE ledger_entry SET " + column + " = ? WHERE seq = 3")) {
                    s.setString(1, flipOneByte(value));
                    return s.executeUpdate();
                }
            });
            VerifyReport r = log.verify(ProgressListener.NONE, CancellationToken.NONE);
            assertThat(r.ok()).isFalse();
            assertThat(r.firstBad().orElseThrow().seq()).isEqualTo(3);
            assertThat(r.checked()).isEqualTo(3);
        }
    }

    /** Changes the character in the middle to another one of the same kind (hex stays hex). */
    static String flipOneByte(String value) {
        int at = value.length() / 2;
        char ch = value.charAt(at);
        char other = Character.digit(ch, 16) >= 0 ? (ch == '0' ? '1' : '0') : (ch == 'x' ? 'y' : 'x');
        return value.substring(0, at) + other + value.substring(at + 1);
    }

    @Test
    void aRemovedEntryIsReportedAtItsPosition() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            LedgerLog log = log(ws);
            fill(log, 4);
            ws.jdbc().inTransaction("renumber", c -> c.createStatement().executeUpdate("UPDATE ledger_entry SET seq = 30 WHERE seq = 2"));
            VerifyReport r = log.verify(ProgressListener.NONE, CancellationToken.NONE);
            assertThat(r.firstBad().orElseThrow().seq()).isEqualTo(2);
            assertThat(r.firstBad().get().problems().getFirst()).contains("entry 2 is missing");
        }
    }

    @Test
    void merkleProofsLeadToTheRootAndTheShapeIsRfc6962() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            LedgerLog log = log(ws);
            fill(log, 7);
            for (int n = 1; n <= 7; n++) {
                MerkleBatch b = log.batch(1, n);
                for (MerkleProof p : b.proofs()) {
                    assertThat(p.verify(b.root())).isTrue();
                    assertThat(p.leafCount()).isEqualTo(n);
                }
            }
            List<StoredEntry> e = log.entries(1, 3);
            byte[] l0 = MerkleBatch.leaf(HexFormat.of().parseHex(e.get(0).entryHash().substring(2)));
            byte[] l1 = MerkleBatch.leaf(HexFormat.of().parseHex(e.get(1).entryHash().substring(2)));
            byte[] l2 = MerkleBatch.leaf(HexFormat.of().parseHex(e.get(2).entryHash().substring(2)));
            byte[] one = new byte[33];
            System.arraycopy(HexFormat.of().parseHex(e.get(0).entryHash().substring(2)), 0, one, 1, 32);
            assertThat(l0).isEqualTo(Hash.sha3(one));
            MerkleBatch three = log.batch(1, 3);
            assertThat(three.rootBytes()).isEqualTo(MerkleBatch.node(MerkleBatch.node(l0, l1), l2));
            assertThat(three.proof(3).siblingOnLeft()).containsExactly(true);
            assertThat(three.proof(1).leftBits()).isZero();
            assertThat(log.batch(1, 1).rootBytes()).isEqualTo(l0);
            MerkleProof p = three.proof(2);
            assertThat(p.verify(log.batch(1, 4).root())).isFalse();
            assertThat(log.sealBatch().orElseThrow().lastSeq()).isEqualTo(7);
            assertThat(log.sealBatch()).isEmpty();
            log.append(record(8));
            assertThat(log.sealBatch().orElseThrow().firstSeq()).isEqualTo(8);
            assertThatThrownBy(() -> log.batch(5, 9)).hasMessageContaining("no entry 9");
        }
    }

    @Test
    void bundlesVerifyOfflineInAnotherWorkspaceAndTamperedOnesAreRefusedByEntry() throws Exception {
        String bundle;
        try (Workspace ws = Workspace.open(dir.resolve("a"))) {
            LedgerLog log = log(ws);
            fill(log, 4);
            log.append(new SignedRecord(claim(log), COW.signTypedData(claim(log)), COW.address()));
            bundle = Bundles.export(log, 2, 5);
        }
        try (Workspace ws = Workspace.open(dir.resolve("b"))) {
            LedgerLog log = log(ws);
            ImportResult r = Bundles.importBundle(log, bundle);
            assertThat(r.entries()).isEqualTo(4);
            assertThat(r.added()).isEqualTo(4);
            assertThat(Bundles.importBundle(log, bundle).added()).isZero();
            assertThat(new LogStore(ws).imported()).hasSize(4);

            String sig3 = Bundles.verify(bundle).getKey().get(1).signature();
            assertThatThrownBy(() -> Bundles.verify(bundle.replace(sig3, flipOneByte(sig3))))
                    .isInstanceOf(BundleException.class).hasMessageContaining("seq 3");
            assertThatThrownBy(() -> Bundles.verify(bundle.replace("set-4", "set-X")))
                    .isInstanceOf(BundleException.class).hasMessageContaining("seq 4");
            String root = Bundles.verify(bundle).getValue().root();
            assertThatThrownBy(() -> Bundles.verify(bundle.replace("\"root\" : \"" + root, "\"root\" : \"" + flipOneByte(root))))
                    .isInstanceOf(BundleException.class).hasMessageContaining("batch root");
            assertThatThrownBy(() -> Bundles.verify("{\"format\":\"x\"}")).hasMessageContaining("not a ledger bundle");
        }
    }

    private static TypedData claim(LedgerLog log) {
        List<String> ids = new ArrayList<>();
        log.entries(1, 10).forEach(e -> ids.add("0x" + HexFormat.of().formatHex(TypedData.parse(e.typedData()).digest())));
        return new Claim(COW.address(), ids).toTypedData(Eip712Domain.ATTRIBUTION);
    }
}
