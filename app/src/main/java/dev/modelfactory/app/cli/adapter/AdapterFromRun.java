package dev.modelfactory.app.cli.adapter;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.handoff.ImportedRun;
import dev.modelfactory.app.handoff.ResultImport;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code adapter import DIR --from-run BUNDLE}: a cluster trainer's result as a run of the workspace. */
final class AdapterFromRun {

    private AdapterFromRun() {
    }

    static int run(RootCommand root, Output out, Path folder, Path bundle, String name) throws Exception {
        if (!Files.isDirectory(bundle)) {
            throw new BadInputException("--from-run " + bundle + ": no such folder");
        }
        try (Workspace ws = WorkspaceCommands.open(root)) {
            ImportedRun r;
            try {
                r = new ResultImport(ws).importResult(folder, bundle, name);
            } catch (TrainingInputException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", true);
            m.put("runId", r.run().id());
            m.put("name", r.run().spec().name());
            m.put("adapterHash", r.run().adapterHash().orElse(null));
            m.put("adapter", r.adapterFolder().toString());
            m.put("configSha256", r.run().spec().configHash());
            m.put("datasetVersion", r.run().spec().datasetVersion());
            m.put("points", r.points());
            m.put("nonFiniteLeftOut", r.nonFinite());
            m.put("trainerState", r.trainerState().toString());
            out.result(m, "Imported as run " + r.run().id() + " (" + r.run().spec().name() + "): adapter "
                    + r.run().adapterHash().orElseThrow().substring(0, 12) + ", " + r.points() + " metric points"
                    + (r.nonFinite() > 0 ? " (" + r.nonFinite() + " NaN/infinite values left out)" : "")
                    + "; dataset version " + r.run().spec().datasetVersion().substring(0, 12) + ", config "
                    + r.run().spec().configHash().substring(0, 12));
            return ExitCodes.OK;
        }
    }
}
