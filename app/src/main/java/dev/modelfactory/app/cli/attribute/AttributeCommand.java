package dev.modelfactory.app.cli.attribute;

import dev.modelfactory.app.attribution.ProvenanceEvidence;
import dev.modelfactory.app.attribution.InfluenceResult;
import dev.modelfactory.app.attribution.InfluenceRow;
import dev.modelfactory.app.attribution.InfluenceService;
import dev.modelfactory.app.attribution.InfluenceShare;
import dev.modelfactory.app.attribution.SketchSummary;
import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.ledger.store.Workspace;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code modelfactory attribute}: top training rows and contributor shares of an adapter's output. */
@Command(name = "attribute", mixinStandardHelpOptions = true,
        description = {"Attribute an adapter's output to the training rows and contributors that shaped it, by"
                + " gradient influence (TracIn or DataInf over per-row LoRA gradient sketches stored with the run)."
                + " Without --output the adapter answers the prompt greedily first. Builds the run's sketches"
                + " first if it has none (see: attribute index). Progress goes to stderr."})
public final class AttributeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--adapter", paramLabel = "A", description = "The adapter: run:N, a run id or a hash prefix (from a LoRA run of this workspace).")
    private String adapter;

    @Option(names = "--prompt", paramLabel = "P", description = "The user prompt.")
    private String prompt;

    @Option(names = "--output", paramLabel = "O", description = "The output to explain (default: the adapter's greedy answer).")
    private String output;

    @Option(names = "--method", paramLabel = "tracin|datainf", description = "Scoring method (default: datainf, the better one on the planted-contributor benchmark).")
    private String method;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Rows to list (default 10).")
    private int top;

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    @Override
    public Integer call() throws Exception {
        if (adapter == null || adapter.isBlank()) {
            throw new BadInputException("--adapter: required (run:N, a run id or an adapter hash prefix)");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new BadInputException("--prompt: required");
        }
        if (top < 1) {
            throw new BadInputException("--top: must be at least 1, was " + top);
        }
        InfluenceMethod m = method == null ? InfluenceService.DEFAULT_METHOD : input(() -> InfluenceMethod.parse(method));
        try (Workspace ws = WorkspaceCommands.open(root()); InfluenceService service = new InfluenceService(ws)) {
            PrintWriter err = spec.commandLine().getErr();
            InfluenceResult r = input(() -> service.attribute(adapter, prompt, Optional.ofNullable(output), m, top,
                    progress(err, "sketching"), CancellationToken.NONE));
            // Spans and citations over the run's dataset version: evidence beside the shares, not part of them.
            ProvenanceEvidence evidence = ProvenanceEvidence.forRun(ws, r.runId(), r.output(), top,
                    (done, total) -> {
                        if (done == total || total > 0 && done % Math.max(1, total / 10) == 0) {
                            err.printf("indexing: %d/%d%n", done, total);
                        }
                    }, CancellationToken.NONE);
            Map<String, Object> j = json(r);
            j.putAll(evidence.json(r.output()));
            new Output(spec.commandLine().getOut(), root().json()).result(j, text(r) + "\n" + evidence.text(r.output()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "index", mixinStandardHelpOptions = true,
            description = "Build (or rebuild) a finished LoRA run's per-row gradient sketches, one set per kept checkpoint.")
    int index(@Option(names = "--run", required = true, paramLabel = "N", description = "The run id.") long run)
            throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); InfluenceService service = new InfluenceService(ws)) {
            SketchSummary s = input(() -> service.sketchRun(run, progress(spec.commandLine().getErr(), "sketching"),
                    CancellationToken.NONE));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", s.runId());
            json.put("rows", s.rows());
            json.put("dims", s.dims());
            json.put("checkpoints", s.checkpoints());
            json.put("folder", s.folder().toString());
            json.put("seconds", s.seconds());
            new Output(spec.commandLine().getOut(), root().json()).result(json, String.format(Locale.ROOT,
                    "Sketched %d rows x %d floats at checkpoints %s of run %d in %.1f s (%s)", s.rows(), s.dims(),
                    s.checkpoints(), s.runId(), s.seconds(), s.folder()));
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> json(InfluenceResult r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("adapter", r.adapter());
        j.put("run", r.runId());
        j.put("method", r.method().id());
        j.put("prompt", r.prompt());
        j.put("output", r.output());
        j.put("generated", r.generated());
        j.put("checkpoints", r.checkpoints());
        j.put("rowsScored", r.rowsScored());
        j.put("seconds", r.seconds());
        j.put("rows", r.rows().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rowId", x.rowId());
            m.put("rowHash", x.rowHash());
            m.put("contributor", x.contributor());
            m.put("score", x.score());
            m.put("text", x.text());
            return m;
        }).toList());
        j.put("shares", r.shares().stream().map(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contributor", x.contributor());
            m.put("bps", x.basisPoints());
            return m;
        }).toList());
        return j;
    }

    static String text(InfluenceResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Output").append(r.generated() ? " (generated)" : "").append(": ").append(r.output()).append('\n');
        sb.append(String.format(Locale.ROOT, "Method %s over %d rows at checkpoints %s, %.2f s%n", r.method().id(),
                r.rowsScored(), r.checkpoints(), r.seconds()));
        sb.append("Contributors:\n");
        if (r.shares().isEmpty()) {
            sb.append("  (no row had positive influence)\n");
        }
        for (InfluenceShare s : r.shares()) {
            sb.append(String.format(Locale.ROOT, "  %6.2f %%  %s%n", s.basisPoints() / 100.0, s.contributor()));
        }
        sb.append("Top rows:\n");
        for (InfluenceRow x : r.rows()) {
            sb.append(String.format(Locale.ROOT, "  %+.4g  row %d  %s  %s%n", x.score(), x.rowId(),
                    x.contributor().isEmpty() ? "(unknown)" : x.contributor(), x.text()));
        }
        return sb.toString().stripTrailing();
    }

    private static ProgressListener progress(PrintWriter err, String what) {
        return new ProgressListener() {
            private long last;

            @Override
            public void onProgress(long done, long total) {
                long now = System.nanoTime();
                if (done == total || now - last >= 1_000_000_000L) {
                    last = now;
                    err.println(what + ": " + done + "/" + total + " row gradients");
                    err.flush();
                }
            }
        };
    }

    private static <T> T input(Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
