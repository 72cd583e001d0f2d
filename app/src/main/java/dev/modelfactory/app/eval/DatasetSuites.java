package dev.modelfactory.app.eval;

import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generation tasks made from a dataset's latest version: its TEST rows whose contributor allows EVAL (the
 * rows training never reads), each as the prompt before the last assistant turn and that turn as the
 * reference. Item ids are the rows' content hashes (a repeated row gets {@code #2}, {@code #3}); the
 * source is the row hash and the tags are the row's tags.
 */
final class DatasetSuites {

    private static final int PAGE = 1000;

    /** A task and the dataset version it was made from. */
    record Made(EvalTask task, DatasetVersion version) {
    }

    private DatasetSuites() {
    }

    static Made task(DatasetStore store, String dataset, List<Metric> metrics) {
        DatasetInfo info = store.findByName(dataset)
                .orElseThrow(() -> new IllegalArgumentException("dataset: no dataset named " + dataset));
        List<DatasetVersion> versions = store.versions(info.id());
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset + ": has no frozen version (freeze it with a"
                    + " split first)");
        }
        DatasetVersion v = versions.getLast();
        List<EvalItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (long after = 0;; ) {
            List<DatasetRow> page = store.versionRowsAfter(v, Split.TEST, after, PAGE);
            for (DatasetRow r : page) {
                if (!r.allowedUses().contains(Use.EVAL)) {
                    continue;
                }
                RowConversions.toEval(r.content()).ifPresent(e -> {
                    int n = seen.merge(r.rowHash(), 1, Integer::sum);
                    String id = n == 1 ? r.rowHash() : r.rowHash() + "#" + n;
                    items.add(new EvalItem(id, e.prompt(), e.expected(), List.of(), -1, r.content().tags(),
                            r.rowHash()));
                });
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.getLast().id();
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("dataset " + dataset + " version " + v.shortRoot()
                    + ": no TEST rows with an answer whose contributor allows EVAL");
        }
        for (Metric m : metrics) {
            if (m.kind() != TaskKind.GENERATION) {
                throw new IllegalArgumentException("metrics: " + m.id() + " does not score generations");
            }
        }
        return new Made(new EvalTask(dataset, TaskKind.GENERATION, metrics, null, null, items), v);
    }
}
