package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.AmbiguousReferenceException;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.WorkspaceLocator;
import dev.modelfactory.ledger.store.WorkspaceLockedException;
import dev.modelfactory.ledger.store.WorkspaceSchemaTooNewException;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** What the dataset commands share: the workspace, finding a dataset or version by name, output, progress. */
final class DatasetCli {

    private DatasetCli() {
    }

    static RootCommand root(CommandSpec spec) {
        return (RootCommand) spec.root().userObject();
    }

    static Output output(CommandSpec spec) {
        return new Output(spec.commandLine().getOut(), root(spec).json());
    }

    /**
     * Opens the workspace as every command does (the same as {@code cli.WorkspaceCommands.open}, which is
     * package-private there): a locked or too-new workspace is bad input.
     */
    static Workspace open(CommandSpec spec) throws IOException {
        try {
            return Workspace.open(WorkspaceLocator.locate(root(spec).workspace()).folder());
        } catch (WorkspaceLockedException | WorkspaceSchemaTooNewException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The dataset named {@code name}, or bad input saying there is none. */
    static DatasetInfo dataset(DatasetStore store, String name) {
        return store.findByName(name).orElseThrow(() -> new BadInputException("no dataset named '" + name
                + "' in this workspace (see: modelfactory dataset list)"));
    }

    /** A version of the dataset by root or root prefix (6+ hex characters), or bad input. */
    static DatasetVersion version(DatasetStore store, DatasetInfo ds, String ref) {
        try {
            return store.version(ds.id(), ref).orElseThrow(() -> new BadInputException("dataset '" + ds.name()
                    + "' has no version '" + ref + "' (give a root or a prefix of at least 6 hex characters; see:"
                    + " modelfactory dataset show " + ds.name() + ")"));
        } catch (AmbiguousReferenceException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The CLI spelling of a use: train, evaluate, attribution, commercial. */
    static String useName(Use use) {
        return switch (use) {
            case TRAIN -> "train";
            case EVAL -> "evaluate";
            case ATTRIBUTION_PUBLIC -> "attribution";
            case COMMERCIAL -> "commercial";
        };
    }

    static Use use(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "train" -> Use.TRAIN;
            case "evaluate", "eval" -> Use.EVAL;
            case "attribution", "attribution-public" -> Use.ATTRIBUTION_PUBLIC;
            case "commercial" -> Use.COMMERCIAL;
            default -> throw new BadInputException("--uses: unknown use '" + name
                    + "' (allowed: train, evaluate, commercial, attribution)");
        };
    }

    /**
     * Progress on stderr, one line per tenth of the work, with the rate and time left.
     *
     * @param unit what is counted ("bytes" prints MB/s; anything else "UNIT/s")
     */
    static ProgressListener progress(CommandSpec spec, String what, String unit) {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        return new ProgressListener() {
            private long lastTenth = -1;

            @Override
            public void onProgress(long done, long total) {
                if (total <= 0) {
                    return;
                }
                long tenth = Math.min(10, done * 10 / total);
                if (tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
                double rate = done / seconds;
                String speed = unit.equals("bytes") ? String.format(Locale.ROOT, "%.1f MB/s", rate / 1e6)
                        : String.format(Locale.ROOT, "%.0f %s/s", rate, unit);
                String eta = rate <= 0 || done >= total ? "" : String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate);
                err.printf(Locale.ROOT, "%s: %d%% (%s%s)%n", what, tenth * 10, speed, eta);
                err.flush();
            }
        };
    }
}
