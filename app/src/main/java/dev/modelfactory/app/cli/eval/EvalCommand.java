package dev.modelfactory.app.cli.eval;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.eval.Comparisons;
import dev.modelfactory.app.eval.EvalService;
import dev.modelfactory.app.eval.ModelRef;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.eval.EvalRunRecord;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import dev.modelfactory.ledger.store.eval.SystemRef;
import dev.modelfactory.studio.benchmarks.report.Comparison;
import dev.modelfactory.studio.benchmarks.report.CsvReport;
import dev.modelfactory.studio.benchmarks.report.Examples;
import dev.modelfactory.studio.benchmarks.report.HtmlReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory eval}: one job over the base and its adapters; stored results; comparisons. */
@Command(name = "eval", mixinStandardHelpOptions = true, subcommands = EvalSuitesCommand.class,
        description = {"Evaluate a model and its adapters on a suite in one job (the base is loaded once, adapters"
                + " are swapped per batch); every output is stored with the suite version, model, adapters and"
                + " decoding. Prints each system's mean per task and metric with its bootstrap 95 % interval.",
            "Decoding is greedy. Progress goes to stderr."})
public final class EvalCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--suite", paramLabel = "NAME[@VERSION]", description = "Suite and version (default: latest).")
    private String suite;

    @Option(names = "--model", paramLabel = "M", description = "Imported model (name or id prefix) or a GGUF file / HF folder.")
    private String model;

    @Option(names = "--adapter", paramLabel = "PATH_OR_RUN_ID",
            description = "An adapter to compare with the base: a PEFT folder, a run id (N or run:N) or a hash prefix. Repeatable.")
    private List<String> adapters = new ArrayList<>();

    @Option(names = "--max-tokens", defaultValue = "64", description = "Tokens generated per answer (default 64).")
    private int maxTokens;

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    private Output out() {
        return new Output(spec.commandLine().getOut(), root().json());
    }

    @Override
    public Integer call() throws Exception {
        if (suite == null || suite.isBlank()) {
            throw new BadInputException("--suite: required (NAME or NAME@VERSION; see: eval suites)");
        }
        if (model == null || model.isBlank()) {
            throw new BadInputException("--model: required (an imported model's name or id, or a GGUF file / HF folder)");
        }
        if (maxTokens < 1) {
            throw new BadInputException("--max-tokens: must be at least 1, was " + maxTokens);
        }
        try (Workspace ws = WorkspaceCommands.open(root())) {
            EvalService service = new EvalService(ws);
            SuiteRecord s = input(() -> service.suiteRecord(suite));
            ModelRef m = input(() -> service.model(model));
            List<EvalSystem> systems = input(() -> systems(ws));
            PrintWriter err = spec.commandLine().getErr();
            EvalRunRecord run;
            try {
                run = service.run(s, m, systems, Decoding.greedy(maxTokens), progress(err), () -> false);
            } catch (ModelFormatException e) {
                throw new BadInputException("--model " + model + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            EvalSuite evaluated = service.suite(s);
            List<Comparisons.Summary> rows = Comparisons.summaries(evaluated, service.result(run.id()));
            Map<String, Object> json = EvalText.run(run);
            json.put("summary", rows.stream().map(EvalText::summary).toList());
            out().result(json, "Stored as eval run " + run.id() + " (" + s.name() + "@" + s.version() + ", "
                    + run.outputs() + " outputs)\n" + rows.stream().map(EvalText::summaryLine)
                    .collect(Collectors.joining("\n")));
            return ExitCodes.OK;
        }
    }

    /** The base, then each adapter labelled by its run ({@code run N}) or folder name, labels kept unique. */
    private List<EvalSystem> systems(Workspace ws) {
        List<EvalSystem> out = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        out.add(EvalSystem.base("base"));
        labels.add("base");
        AdapterCatalog catalog = new AdapterCatalog(ws);
        for (String ref : adapters) {
            AdapterCatalog.Entry e = catalog.find(ref);
            String label = e.runId() > 0 ? "run " + e.runId() : e.folder().getFileName().toString();
            String unique = label;
            for (int n = 2; !labels.add(unique); n++) {
                unique = label + " #" + n;
            }
            out.add(EvalSystem.adapter(unique, e.folder()));
        }
        return out;
    }

    private static EvalListener progress(PrintWriter err) {
        return new EvalListener() {
            private long last;

            @Override
            public void onProgress(String system, int done, int total) {
                long now = System.nanoTime();
                if (done == total || now - last >= 1_000_000_000L) {
                    last = now;
                    err.println("eval " + system + ": " + done + "/" + total + " items");
                    err.flush();
                }
            }
        };
    }

    @Command(name = "results", description = "Stored evaluation runs, newest first.")
    int results() throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root())) {
            List<EvalRunRecord> runs = new EvalService(ws).store().runs();
            out().result(runs.stream().map(EvalText::run).toList(), runs.isEmpty() ? "No evaluation runs yet."
                    : runs.stream().map(EvalText::runLine).collect(Collectors.joining("\n")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "compare", description = {"Paired comparison on the same items: RUN_A RUN_B (same suite version;"
            + " each run's only system, or the ones picked with --system-a/--system-b), or RUN --baseline LABEL (every"
            + " other system of the run against LABEL).", "Difference = B - A with its paired bootstrap 95 % interval,"
            + " wins/ties/losses of B, significant when the interval excludes 0."})
    int compare(@Parameters(paramLabel = "RUN", arity = "1..2") List<Long> runIds,
            @Option(names = "--baseline", paramLabel = "LABEL") String baseline,
            @Option(names = "--system-a", paramLabel = "LABEL") String systemA,
            @Option(names = "--system-b", paramLabel = "LABEL") String systemB,
            @Option(names = "--metric", paramLabel = "M") String metricId) throws Exception {
        Optional<Metric> metric = metricId == null ? Optional.empty() : Optional.of(input(() -> Metric.of(metricId)));
        try (Workspace ws = WorkspaceCommands.open(root())) {
            EvalService service = new EvalService(ws);
            List<Comparisons.Paired> rows;
            if (runIds.size() == 1) {
                if (baseline == null) {
                    throw new BadInputException("--baseline: required when comparing the systems of one run");
                }
                EvalRunRecord r = input(() -> service.runRecord(runIds.getFirst()));
                EvalSuite s = service.suite(r.suiteName(), r.suiteVersion());
                rows = input(() -> Comparisons.againstBaseline(s, service.result(r.id()), baseline, metric));
            } else {
                if (baseline != null) {
                    throw new BadInputException("--baseline: compares the systems of one run; with two runs use"
                            + " --system-a/--system-b");
                }
                EvalRunRecord a = input(() -> service.runRecord(runIds.get(0)));
                EvalRunRecord b = input(() -> service.runRecord(runIds.get(1)));
                if (!a.suiteName().equals(b.suiteName()) || a.suiteVersion() != b.suiteVersion()) {
                    throw new BadInputException("runs " + a.id() + " and " + b.id() + " evaluated different suites ("
                            + a.suiteName() + "@" + a.suiteVersion() + " and " + b.suiteName() + "@" + b.suiteVersion()
                            + "): a paired comparison needs the same items");
                }
                String la = pick(a, systemA, "--system-a");
                String lb = pick(b, systemB, "--system-b");
                EvalSuite s = service.suite(a.suiteName(), a.suiteVersion());
                EvalResult ra = service.result(a.id());
                EvalResult rb = service.result(b.id());
                rows = input(() -> Comparisons.compare(s, ra, la, rb, lb, metric));
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("runs", runIds);
            json.put("comparisons", rows.stream().map(EvalText::paired).toList());
            out().result(json, rows.stream().map(EvalText::pairedLine).collect(Collectors.joining("\n")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "report", description = {"Write a stored run's comparison as a self-contained HTML report"
            + " (metric tables with intervals and deltas against the baseline, charts, every example) and/or as CSV"
            + " (one row per system, task and item), the same reports the Benchmarks page exports."})
    int report(@Parameters(paramLabel = "RUN") long runId,
            @Option(names = "--baseline", paramLabel = "LABEL", description = "Baseline system (default: the run's first).")
            String baseline,
            @Option(names = "--html", paramLabel = "FILE") Path html,
            @Option(names = "--csv", paramLabel = "FILE") Path csv) throws Exception {
        if (html == null && csv == null) {
            throw new BadInputException("--html / --csv: give at least one file to write");
        }
        try (Workspace ws = WorkspaceCommands.open(root())) {
            EvalService service = new EvalService(ws);
            EvalRunRecord r = input(() -> service.runRecord(runId));
            EvalSuite s = service.suite(r.suiteName(), r.suiteVersion());
            EvalResult result = service.result(r.id());
            List<String> labels = result.systems().stream().map(EvalSystem::label).toList();
            String base = baseline != null ? baseline : labels.getFirst();
            if (!labels.contains(base)) {
                throw new BadInputException("--baseline " + base + ": run " + runId + " has the systems " + labels);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", runId);
            json.put("baseline", base);
            if (html != null) {
                HtmlReport.builder(Comparison.of(s, result, base)).examples(Examples.of(s, result))
                        .title("Evaluation run " + runId + ": " + r.suiteName() + " v" + r.suiteVersion()).build()
                        .write(html);
                json.put("html", html.toString());
            }
            if (csv != null) {
                CsvReport.write(csv, result);
                json.put("csv", csv.toString());
            }
            out().result(json, "Wrote " + (html != null ? html + (csv != null ? " and " : "") : "")
                    + (csv != null ? csv : ""));
            return ExitCodes.OK;
        }
    }

    private static String pick(EvalRunRecord r, String label, String option) {
        List<String> labels = r.systems().stream().map(SystemRef::label).toList();
        if (label != null) {
            if (!labels.contains(label)) {
                throw new BadInputException(option + " " + label + ": run " + r.id() + " has systems " + labels);
            }
            return label;
        }
        if (labels.size() != 1) {
            throw new BadInputException(option + ": run " + r.id() + " has systems " + labels + "; pick one");
        }
        return labels.getFirst();
    }

    /** Runs {@code s}; input errors (IllegalArgumentException, TrainingInputException among them) become exit 2. */
    static <T> T input(Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
