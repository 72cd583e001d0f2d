package dev.modelfactory.app.attribution;

import dev.modelfactory.app.eval.SuiteCodec;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.eval.StoredOutput;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.eval.SystemRef;
import dev.modelfactory.studio.provenance.OutputChoice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark outputs the Attribution page offers: adapter systems' outputs of the newest evaluation runs,
 * with the item's prompt (its last user message) and the adapter's content hash as the hint.
 */
final class ProvenanceOutputs {

    /** Outputs listed at most (newest runs first). */
    static final int LIMIT = 40;

    private ProvenanceOutputs() {
    }

    static List<OutputChoice> recent(Workspace ws) {
        EvalStore store = new EvalStore(ws);
        List<OutputChoice> out = new ArrayList<>();
        List<EvalRunRecord> runs = new ArrayList<>(store.runs());
        runs.sort(Comparator.comparing(EvalRunRecord::finishedAt).reversed());
        for (EvalRunRecord run : runs) {
            Map<String, String> adapters = new HashMap<>();
            for (SystemRef s : run.systems()) {
                if (s.adapterHash() != null) {
                    adapters.put(s.label(), s.adapterHash());
                }
            }
            if (adapters.isEmpty()) {
                continue;
            }
            Map<String, EvalItem> items = items(store.suite(run.suiteName(), run.suiteVersion()));
            for (StoredOutput o : store.outputs(run.id())) {
                String hash = adapters.get(o.system());
                if (hash == null || o.output().isBlank()) {
                    continue;
                }
                EvalItem item = items.get(o.task() + "\u0000" + o.itemId());
                out.add(new OutputChoice(OutputChoice.BENCHMARK, run.suiteName() + " #" + run.id() + " \u00b7 " + o.itemId()
                        + " \u00b7 " + o.system(), item == null ? "" : prompt(item), o.output(), hash));
                if (out.size() >= LIMIT) {
                    return out;
                }
            }
        }
        return out;
    }

    private static Map<String, EvalItem> items(Optional<SuiteRecord> suite) {
        Map<String, EvalItem> items = new HashMap<>();
        suite.ifPresent(s -> {
            for (EvalTask t : SuiteCodec.tasks(s.tasksJson())) {
                t.items().forEach(i -> items.put(t.name() + "\u0000" + i.id(), i));
            }
        });
        return items;
    }

    /** The item's last user message (what the adapter answered). */
    static String prompt(EvalItem item) {
        String p = "";
        for (ChatTemplate.Message m : item.prompt()) {
            if (m.role().equals("user")) {
                p = m.content();
            }
        }
        return p;
    }
}
