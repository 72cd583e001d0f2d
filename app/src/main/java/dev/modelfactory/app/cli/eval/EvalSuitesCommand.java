package dev.modelfactory.app.cli.eval;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.eval.EvalService;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.eval.SuiteRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelfactory eval suites}: list the stored suite versions; create one from datasets; import one. */
@Command(name = "suites", mixinStandardHelpOptions = true,
        description = "Stored suites (every version, newest first). Saving the same content again keeps its"
                + " version; changed content becomes the next version.")
public final class EvalSuitesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private Output out() {
        return new Output(spec.commandLine().getOut(), ((RootCommand) spec.root().userObject()).json());
    }

    private Workspace open() throws java.io.IOException {
        return WorkspaceCommands.open((RootCommand) spec.root().userObject());
    }

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = open()) {
            List<SuiteRecord> all = new EvalService(ws).store().suites();
            out().result(all.stream().map(EvalText::suite).toList(), all.isEmpty() ? "No suites yet."
                    : all.stream().map(EvalText::suiteLine).collect(Collectors.joining("\n")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", description = "A suite of one generation task per dataset: the latest version's TEST"
            + " rows whose contributor allows evaluation, the last assistant turn as the reference.")
    int create(@Option(names = "--name", required = true, paramLabel = "N") String name,
            @Option(names = "--from-dataset", required = true, paramLabel = "D") List<String> datasets,
            @Option(names = "--metrics", split = ",", defaultValue = "exact_match,token_f1", paramLabel = "M,M",
                    description = "Generation metrics (default exact_match,token_f1).") List<String> metrics)
            throws Exception {
        List<Metric> ms = metrics.stream().map(m -> EvalCommand.input(() -> Metric.of(m.strip()))).toList();
        try (Workspace ws = open()) {
            SuiteRecord s = EvalCommand.input(() -> new EvalService(ws).createFromDatasets(name, datasets, ms));
            out().result(EvalText.suite(s), "Suite " + EvalText.suiteLine(s));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = {"A suite from a JSONL file, one item per line, e.g.",
        "  {\"task\": \"capitals\", \"metrics\": [\"exact_match\"], \"id\": \"q1\", \"prompt\": \"Capital of France?\","
                + " \"reference\": \"Paris\", \"tags\": [\"geo\"]}",
        "Item fields: task (required), id, prompt (one user message) or messages ([{role, content}]), reference,"
                + " choices and answer (multiple_choice), tags, source. Task fields (on any line of the task): kind"
                + " (generation | loss | multiple_choice), metrics, pattern (regex_match), json_schema.",
        "Errors name the file, line and field; nothing is stored then."})
    int importSuite(@Parameters(paramLabel = "FILE") Path file,
            @Option(names = "--name", required = true, paramLabel = "N") String name) throws Exception {
        try (Workspace ws = open()) {
            SuiteRecord s = EvalCommand.input(() -> new EvalService(ws).importJsonl(file, name));
            out().result(EvalText.suite(s), "Suite " + EvalText.suiteLine(s));
            return ExitCodes.OK;
        }
    }
}
