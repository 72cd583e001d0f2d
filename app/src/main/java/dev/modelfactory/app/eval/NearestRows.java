package dev.modelfactory.app.eval;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.NearRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The TRAIN rows (contributor allows TRAIN: what a run could read) of one dataset version nearest a text by
 * word 1-3 gram overlap ({@link NgramOverlap}), best first; rows sharing no n-gram are left out. One pass
 * over the version, keeping the best {@code k} in a heap.
 */
final class NearestRows {

    private static final int PAGE = 1000;
    private static final int PREVIEW = 120;

    private NearestRows() {
    }

    static List<NearRow> find(DatasetStore store, String dataset, String versionRoot, String text, int k) {
        if (k < 1) {
            return List.of();
        }
        DatasetInfo info = store.findByName(dataset)
                .orElseThrow(() -> new IllegalArgumentException("dataset: no dataset named " + dataset));
        List<DatasetVersion> versions = store.versions(info.id());
        int number = 0;
        DatasetVersion version = null;
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i).root().equals(versionRoot)) {
                number = i + 1;
                version = versions.get(i);
            }
        }
        if (version == null) {
            throw new IllegalArgumentException("dataset " + dataset + ": no version " + versionRoot);
        }
        Set<String> query = NgramOverlap.grams(text);
        Comparator<NearRow> byOverlap = Comparator.comparingDouble(NearRow::overlap);
        PriorityQueue<NearRow> best = new PriorityQueue<>(byOverlap);
        for (long after = 0;; ) {
            List<DatasetRow> page = store.versionRowsAfter(version, Split.TRAIN, after, PAGE);
            for (DatasetRow r : page) {
                if (!r.allowedUses().contains(Use.TRAIN)) {
                    continue;
                }
                String body = text(r.content());
                double overlap = NgramOverlap.dice(query, NgramOverlap.grams(body));
                if (overlap > 0 && (best.size() < k || overlap > best.peek().overlap())) {
                    best.add(new NearRow(dataset, number, r.rowHash(), preview(body),
                            r.contributor() == null ? "" : r.contributor(), overlap));
                    if (best.size() > k) {
                        best.poll();
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        List<NearRow> out = new ArrayList<>(best);
        out.sort(byOverlap.reversed().thenComparing(NearRow::rowHash));
        return out;
    }

    /** Every message's content and the raw text, one per line. */
    static String text(Conversation c) {
        StringBuilder b = new StringBuilder();
        for (Message m : c.messages()) {
            b.append(m.content()).append('\n');
        }
        if (c.text() != null) {
            b.append(c.text());
        }
        return b.toString().strip();
    }

    private static String preview(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= PREVIEW ? line : line.substring(0, PREVIEW - 1) + "…";
    }
}
