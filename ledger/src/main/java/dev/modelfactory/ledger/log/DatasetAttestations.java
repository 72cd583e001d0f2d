package dev.modelfactory.ledger.log;

import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.DataContribution;
import dev.modelfactory.ledger.attribution.DatasetVersionRecord;
import dev.modelfactory.ledger.dataset.MerkleTree;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The records that attest a frozen dataset version: one {@link DataContribution} per (contributor, licence,
 * allowed uses) group of its rows, then one {@link DatasetVersionRecord}, all naming the curator as signer.
 *
 * <p>A contribution's {@code rowsRoot} is the dataset Merkle tree ({@link MerkleTree}: same leaves, same
 * order) over just that group's rows, so a contributor holding their rows can recompute it offline. Rows
 * with no contributor form the group {@code ""}.
 */
public final class DatasetAttestations {

    private static final int PAGE = 10_000;

    private DatasetAttestations() {
    }

    private record Group(String contributor, String licence, List<String> uses) {
    }

    private record Leaf(String rowHash, Split split) {
    }

    /** The records for {@code version} of {@code dataset}, contributions first (by contributor), the version last. */
    public static List<AttributionRecord> forVersion(DatasetStore store, DatasetInfo dataset, DatasetVersion version,
                                                     String curator, ProgressListener progress, CancellationToken cancel) {
        Map<Group, List<Leaf>> groups = new TreeMap<>(Comparator.comparing(Group::contributor)
                .thenComparing(Group::licence).thenComparing(g -> String.join(",", g.uses())));
        long read = 0;
        long after = 0;
        while (true) {
            cancel.throwIfCancellationRequested();
            List<DatasetRow> page = store.versionRowsAfter(version, null, after, PAGE);
            for (DatasetRow r : page) {
                Group g = new Group(r.contributor() == null ? "" : r.contributor(), r.licence() == null ? "" : r.licence(),
                        uses(r));
                groups.computeIfAbsent(g, k -> new ArrayList<>()).add(new Leaf(r.rowHash(), r.split()));
            }
            read += page.size();
            progress.onProgress(read, version.rowCount());
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        List<AttributionRecord> out = new ArrayList<>();
        groups.forEach((g, leaves) -> {
            leaves.sort(Comparator.comparing(Leaf::rowHash).thenComparingInt(l -> l.split() == null ? 0 : l.split().code()));
            MerkleTree tree = new MerkleTree();
            leaves.forEach(l -> tree.add(l.rowHash(), l.split()));
            out.add(new DataContribution(g.contributor(), dataset.name(), version.root(), tree.root(), leaves.size(),
                    g.licence(), g.uses(), curator));
        });
        out.add(new DatasetVersionRecord(dataset.name(), version.root(), version.parentRoot().orElse(null), curator, null));
        return out;
    }

    private static List<String> uses(DatasetRow r) {
        return r.allowedUses().stream().sorted().map(u -> u.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** The allowed-use names a record carries, for reference: {@code train}, {@code eval}, ... */
    public static List<String> useNames() {
        return java.util.Arrays.stream(Use.values()).map(u -> u.name().toLowerCase(Locale.ROOT)).toList();
    }
}
