package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetVersionTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("demo", "").id();
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void theVersionIdIsTheMerkleRootOfTheSortedRowHashesComputedByHand() throws Exception {
        importRows(store, ds, "a", "b", "c");
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);

        List<byte[]> hashes = new ArrayList<>(List.of(rowHash("a"), rowHash("b"), rowHash("c")));
        hashes.sort(Arrays::compareUnsigned);
        byte[][] leaf = hashes.stream().map(h -> sha256(new byte[] {0}, h, new byte[] {0})).toArray(byte[][]::new);
        byte[] root = sha256(new byte[] {1}, sha256(new byte[] {1}, leaf[0], leaf[1]), leaf[2]);

        assertThat(v.root()).isEqualTo(HEX.formatHex(root));
        assertThat(v.rowCount()).isEqualTo(3);
        assertThat(v.parentRoot()).isEmpty();
        assertThat(store.verify(v)).isTrue();
        assertThat(store.freeze(ds, FreezeOptions.DEFAULT)).as("same rows: same version").isEqualTo(v);
        assertThat(store.versions(ds)).containsExactly(v);
        assertThat(store.version(ds, v.root().substring(0, 8))).contains(v);
    }

    @Test
    void aFrozenVersionDoesNotChangeWhenTheDatasetDoes() throws Exception {
        importRows(store, ds, "a", "b", "c");
        DatasetVersion v1 = store.freeze(ds, new FreezeOptions("first", null));
        List<DatasetRow> before = store.versionRows(v1, null, 0, 100);

        importRows(store, ds, "d", "e");
        long rowOfB = store.rows(ds, RowFilter.ALL.withSearch("question b"), RowSort.INSERTION, 0, 1).getFirst().id();
        store.setStatus(ds, List.of(rowOfB), RowStatus.REJECTED);
        store.assignSplits(ds, new SplitSpec(0.5, 0.25, 0.25, 1));
        DatasetVersion v2 = store.freeze(ds, new FreezeOptions("second", null));

        DatasetVersion reread = store.version(ds, v1.root()).orElseThrow();
        assertThat(reread).isEqualTo(v1);
        assertThat(store.versionRows(v1, null, 0, 100)).extracting(DatasetRow::rowHash, DatasetRow::split)
                .containsExactlyElementsOf(before.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.rowHash(), r.split())).toList());
        assertThat(store.verify(v1)).isTrue();

        assertThat(v2.root()).isNotEqualTo(v1.root());
        assertThat(v2.rowCount()).isEqualTo(4);
        assertThat(v2.parentRoot()).contains(v1.root());
        assertThat(v2.label()).isEqualTo("second");
        assertThat(store.versions(ds)).containsExactly(v1, v2);
    }

    @Test
    void diffCountsAndListsRowsAddedAndRemoved() throws Exception {
        importRows(store, ds, "a", "b", "c");
        DatasetVersion v1 = store.freeze(ds, FreezeOptions.DEFAULT);
        importRows(store, ds, "d", "e");
        long rowOfA = store.rows(ds, RowFilter.ALL.withSearch("question a"), RowSort.INSERTION, 0, 1).getFirst().id();
        store.setStatus(ds, List.of(rowOfA), RowStatus.REJECTED);
        DatasetVersion v2 = store.freeze(ds, FreezeOptions.DEFAULT);

        assertThat(store.diff(v1, v2)).isEqualTo(new VersionDiff(v1.root(), v2.root(), 2, 1, 2));
        assertThat(store.diff(v2, v1)).isEqualTo(new VersionDiff(v2.root(), v1.root(), 1, 2, 2));
        assertThat(store.addedRows(v1, v2, 0, 10)).extracting(DatasetRow::rowHash)
                .containsExactly(HEX.formatHex(rowHash("d")), HEX.formatHex(rowHash("e")));
        assertThat(store.addedRows(v2, v1, 0, 10)).extracting(DatasetRow::rowHash)
                .containsExactly(HEX.formatHex(rowHash("a")));
    }

    @Test
    void splitsFollowTheRatiosAndDependOnlyOnRowsAndSeed() throws Exception {
        String[] names = IntStream.range(0, 10).mapToObj(i -> "row" + i).toArray(String[]::new);
        importRows(store, ds, names);
        DatasetVersion v = store.freeze(ds, new FreezeOptions(null, new SplitSpec(0.6, 0.2, 0.2, 7)));
        assertThat(v.split()).contains(new SplitSpec(0.6, 0.2, 0.2, 7));
        assertThat(store.versionRows(v, Split.TRAIN, 0, 100)).hasSize(6);
        assertThat(store.versionRows(v, Split.VALIDATION, 0, 100)).hasSize(2);
        assertThat(store.versionRows(v, Split.TEST, 0, 100)).hasSize(2);
        assertThat(store.count(ds, RowFilter.ALL.withSplit(Split.TRAIN))).isEqualTo(6);

        long other = store.create("reversed", "").id();
        List<String> reversed = new ArrayList<>(List.of(names));
        java.util.Collections.reverse(reversed);
        importRows(store, other, reversed.toArray(String[]::new));
        DatasetVersion w = store.freeze(other, new FreezeOptions(null, new SplitSpec(0.6, 0.2, 0.2, 7)));
        assertThat(w.root()).as("same rows, same seed: same version id").isEqualTo(v.root());
        assertThat(splitByHash(w)).isEqualTo(splitByHash(v));

        DatasetVersion reseeded = store.freeze(other, new FreezeOptions(null, new SplitSpec(0.6, 0.2, 0.2, 8)));
        assertThat(reseeded.root()).as("the split is part of the version").isNotEqualTo(v.root());
    }

    @Test
    void keysetPagesReadTheSameRowsAsOffsetPagesInOnePass() throws Exception {
        importRows(store, ds, IntStream.range(0, 23).mapToObj(i -> "row" + i).toArray(String[]::new));
        DatasetVersion v = store.freeze(ds, new FreezeOptions(null, new SplitSpec(0.6, 0.2, 0.2, 7)));
        for (Split split : new Split[] {null, Split.TRAIN, Split.TEST}) {
            List<DatasetRow> paged = new ArrayList<>();
            long after = 0;
            for (List<DatasetRow> page; !(page = store.versionRowsAfter(v, split, after, 5)).isEmpty(); ) {
                assertThat(page.size()).isLessThanOrEqualTo(5);
                paged.addAll(page);
                after = page.getLast().id();
            }
            assertThat(paged).as("split " + split).containsExactlyElementsOf(store.versionRows(v, split, 0, 100));
        }
        assertThat(store.versionRowsAfter(v, null, 0, 100)).hasSize(23);
    }

    @Test
    void datasetsRowsAndVersionsPersistAcrossReopen() throws Exception {
        importRows(store, ds, "a", "b");
        DatasetVersion v = store.freeze(ds, new FreezeOptions("kept", new SplitSpec(0.5, 0.5, 0, 3)));
        ws.close();
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        assertThat(store.findByName("demo")).hasValueSatisfying(d -> assertThat(d.id()).isEqualTo(ds));
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(2);
        assertThat(store.versions(ds)).containsExactly(v);
        assertThat(store.verify(v)).isTrue();
    }

    @Test
    void nothingToFreezeIsRefused() {
        assertThatThrownBy(() -> store.freeze(ds, FreezeOptions.DEFAULT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nothing to freeze");
        assertThat(store.versions(ds)).isEmpty();
    }

    private Map<String, Split> splitByHash(DatasetVersion v) {
        return store.versionRows(v, null, 0, 100).stream().collect(Collectors.toMap(DatasetRow::rowHash, DatasetRow::split));
    }

    /** Imports one Alpaca row per name: instruction "Question NAME", output "Answer NAME". */
    static void importRows(DatasetStore store, long ds, String... names) throws Exception {
        Path file = Files.createTempFile("rows", ".jsonl");
        try {
            StringBuilder sb = new StringBuilder();
            for (String n : names) {
                sb.append("{\"instruction\":\"Question ").append(n).append("\",\"output\":\"Answer ").append(n).append("\"}\n");
            }
            Files.writeString(file, sb);
            store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
        } finally {
            Files.delete(file);
        }
    }

    static byte[] rowHash(String name) {
        return RowHash.digest(Conversation.of(List.of(Message.of(Role.USER, "Question " + name),
                Message.of(Role.ASSISTANT, "Answer " + name))));
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
