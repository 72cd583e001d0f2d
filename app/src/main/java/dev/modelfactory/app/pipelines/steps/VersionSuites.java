package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A suite from one frozen version's TEST split (rows whose contributor allows EVAL), as the Benchmarks page
 * makes one from a dataset's latest version, but pinned to the version the pipeline froze.
 */
final class VersionSuites {

    private static final int PAGE = 1000;

    private VersionSuites() {
    }

    static EvalSuite of(DatasetStore store, String dataset, DatasetVersion v, String suiteName, List<Metric> metrics,
            int maxItems) {
        List<EvalItem> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (long offset = 0; items.size() < maxItems; offset += PAGE) {
            List<DatasetRow> page = store.versionRows(v, Split.TEST, offset, PAGE);
            for (DatasetRow r : page) {
                if (!r.allowedUses().contains(Use.EVAL) || items.size() >= maxItems) {
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
        }
        if (items.isEmpty()) {
            throw new StepFailedException("dataset " + dataset + " version " + v.shortRoot() + ": no TEST rows with an"
                    + " answer whose contributor allows evaluation (give the freeze step a test share)");
        }
        EvalTask task = new EvalTask(dataset, TaskKind.GENERATION, metrics, null, null, items);
        return new EvalSuite(suiteName, 0, "TEST split of " + dataset + "@" + v.shortRoot(), List.of(task));
    }
}
