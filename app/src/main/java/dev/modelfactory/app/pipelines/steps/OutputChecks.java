package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a recorded output still exists as it was made: a dataset by name, a version by root, a training run
 * completed, an adapter folder or export with the same content hash, an eval run, ledger entries. A step is
 * only skipped when every output of the earlier run passes.
 */
public final class OutputChecks {

    private OutputChecks() {
    }

    public static boolean allExist(Workspace ws, List<OutputRef> outputs) {
        return outputs.stream().allMatch(o -> exists(ws, o));
    }

    public static boolean exists(Workspace ws, OutputRef o) {
        try {
            return switch (o.kind()) {
                case DATASET -> new DatasetStore(ws).findByName(o.ref()).isPresent();
                case DATASET_VERSION -> {
                    DatasetStore ds = new DatasetStore(ws);
                    String name = o.ref().substring(0, o.ref().lastIndexOf('@'));
                    yield ds.findByName(name).flatMap(d -> ds.version(d.id(), o.hash())).isPresent();
                }
                case TRAINING_RUN -> new RunStore(ws).get(Long.parseLong(o.ref()))
                        .filter(r -> r.outcome() == RunOutcome.COMPLETED).isPresent();
                case ADAPTER -> Files.isDirectory(Path.of(o.ref()))
                        && AdapterCatalog.load(Path.of(o.ref())).sha256().equals(o.hash());
                case EVAL_RUN -> new EvalStore(ws).run(Long.parseLong(o.ref())).isPresent();
                case ATTESTATION -> {
                    LogStore log = new LogStore(ws);
                    boolean all = true;
                    for (String seq : o.ref().split(",")) {
                        all &= log.entry(Long.parseLong(seq.strip())).isPresent();
                    }
                    yield all;
                }
                case EXPORT -> Files.exists(Path.of(o.ref())) && Hashes.tree(Path.of(o.ref())).equals(o.hash());
                case GATE, APPROVAL, ANCHOR -> true;
            };
        } catch (RuntimeException e) {
            return false; // unreadable or malformed: not reusable, the step runs again
        }
    }
}
