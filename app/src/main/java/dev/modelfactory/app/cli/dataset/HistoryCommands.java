package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** Undo and redo, shared by {@link DatasetUndoCommand} and {@link DatasetRedoCommand}. */
final class HistoryCommands {

    private HistoryCommands() {
    }

    static int step(CommandSpec spec, String name, boolean undo) throws IOException {
        try (Workspace ws = DatasetCli.open(spec)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = DatasetCli.dataset(store, name);
            Optional<HistoryEntry> done = undo ? store.undo(ds.id()) : store.redo(ds.id());
            if (done.isEmpty()) {
                throw new BadInputException("nothing to " + (undo ? "undo" : "redo") + " in dataset '" + ds.name() + "'");
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dataset", ds.name());
            j.put(undo ? "undone" : "redone", DatasetJson.entry(done.get()));
            j.put("nextUndo", store.nextUndo(ds.id()).map(DatasetJson::entry).orElse(null));
            j.put("nextRedo", store.nextRedo(ds.id()).map(DatasetJson::entry).orElse(null));
            DatasetCli.output(spec).result(j, (undo ? "Undid: " : "Redid: ") + done.get().description());
            return ExitCodes.OK;
        }
    }
}
