package dev.modelfactory.app.eval;

import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.StoredOutput;
import dev.modelfactory.ledger.store.eval.SystemRef;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Engine results to stored rows and back: a reopened run is the same {@link EvalResult} the job returned. */
final class StoredResults {

    private StoredResults() {
    }

    static StoredOutput output(ItemOutcome o) {
        Map<String, Double> scores = new java.util.HashMap<>();
        o.scores().forEach((m, v) -> scores.put(m.id(), v));
        return new StoredOutput(o.system(), o.task(), o.itemId(), o.output(), scores, o.tokens());
    }

    static ItemOutcome outcome(StoredOutput o) {
        Map<Metric, Double> scores = new EnumMap<>(Metric.class);
        o.scores().forEach((id, v) -> scores.put(Metric.of(id), v));
        return new ItemOutcome(o.system(), o.task(), o.itemId(), o.output(), scores, o.tokens());
    }

    static EvalSystem system(SystemRef s) {
        return new EvalSystem(s.label(), Optional.ofNullable(s.adapterPath()).map(Path::of));
    }

    static EvalResult result(EvalRunRecord run, List<StoredOutput> outputs) {
        return new EvalResult(run.suiteName(), run.suiteVersion(), run.modelName(),
                SuiteCodec.decoding(run.decodingJson()), run.systems().stream().map(StoredResults::system).toList(),
                outputs.stream().map(StoredResults::outcome).toList());
    }
}
