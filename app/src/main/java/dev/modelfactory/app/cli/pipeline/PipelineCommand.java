package dev.modelfactory.app.cli.pipeline;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.pipelines.PipelineEntry;
import dev.modelfactory.app.pipelines.PipelineRunHandle;
import dev.modelfactory.app.pipelines.PipelineService;
import dev.modelfactory.app.pipelines.PipelineValidationException;
import dev.modelfactory.app.pipelines.Validation;
import dev.modelfactory.app.pipelines.trigger.PipelineTriggers;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline}: workflow pipelines from data to signed adapter (docs/pipelines.md). */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Workflow pipelines (a YAML file of steps: import, check, freeze, train, eval, gate, approve,"
                + " attest, anchor, export; schema in docs/pipelines.md). Runs are recorded step by step; a re-run"
                + " skips steps whose inputs are unchanged; a failed, cancelled or waiting run resumes.",
            "Exit codes: 0 ok (a run succeeded or waits for approval), 1 a run failed or was cancelled, 2 bad input."})
public final class PipelineCommand {

    @Spec
    private CommandSpec spec;

    private RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    private Output out() {
        return new Output(spec.commandLine().getOut(), root().json());
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Command(name = "validate", description = "Check a pipeline file; every problem names the file, line and field.")
    int validate(@Parameters(paramLabel = "FILE") Path file) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            Validation v = service.validate(file);
            if (!v.valid()) {
                v.problems().forEach(p -> err().println(p));
                err().flush();
            }
            out().result(PipelineJson.validation(v), v.valid() ? file + ": valid, " + v.steps().size() + " steps: "
                    + String.join(" -> ", v.steps().stream().map(s -> s.name() + " (" + s.kind() + ")").toList())
                    : file + ": " + v.problems().size() + " problem(s)");
            return v.valid() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
    }

    @Command(name = "run", description = "Run a pipeline now (steps with unchanged inputs are skipped); progress on"
            + " stderr. Ctrl+C cancels (resume later with pipeline resume).")
    int run(@Parameters(paramLabel = "FILE") Path file,
            @Option(names = "--log", description = "Print each step's log with the result.") boolean logs)
            throws Exception {
        return execute(service -> service.start(file, RunTrigger.MANUAL, new ProgressLines(err())), logs);
    }

    @Command(name = "resume", description = "Continue a failed, cancelled, interrupted or approved run from its first"
            + " step not done.")
    int resume(@Parameters(paramLabel = "RUN") long runId,
            @Option(names = "--log", description = "Print each step's log with the result.") boolean logs)
            throws Exception {
        return execute(service -> service.resume(runId, new ProgressLines(err())), logs);
    }

    private int execute(Function<PipelineService, PipelineRunHandle> start, boolean logs) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            service.recoverInterrupted();
            PipelineRunHandle h;
            try {
                h = start.apply(service);
            } catch (PipelineValidationException e) {
                throw new BadInputException(e.getMessage(), e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Thread hook = new Thread(() -> {
                h.cancel();
                try {
                    h.await();
                } catch (InterruptedException | RuntimeException e) {
                    // exiting anyway
                }
            }, "pipeline-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            PipelineRunRecord r;
            try {
                r = h.await();
            } finally {
                removeHook(hook);
            }
            return report(service, r, logs);
        }
    }

    private int report(PipelineService service, PipelineRunRecord r, boolean logs) {
        List<StepRecord> steps = service.steps(r.id());
        String text = PipelineText.run(r, steps, logs);
        if (r.status() == PipelineRunStatus.WAITING) {
            text += "\nApprove with: pipeline approve " + r.id() + " [--reject --reason R], then: pipeline resume "
                    + r.id();
        } else if (r.status().resumable()) {
            text += "\nResume with: pipeline resume " + r.id();
        }
        Map<String, Object> json = PipelineJson.run(r, steps, logs);
        boolean ok = r.status() == PipelineRunStatus.SUCCEEDED || r.status() == PipelineRunStatus.WAITING;
        json.put("ok", ok);
        out().result(json, text);
        return ok ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs
        }
    }

    @Command(name = "runs", description = "Pipeline runs, newest first.")
    int runs(@Option(names = "--pipeline", paramLabel = "NAME", description = "Only this pipeline's runs.") String name)
            throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            service.recoverInterrupted();
            List<PipelineRunRecord> runs = name == null ? service.runs() : service.runs(name);
            List<Object> json = new ArrayList<>();
            runs.forEach(r -> json.add(PipelineJson.run(r, null, false)));
            StringBuilder text = new StringBuilder(runs.isEmpty() ? "No pipeline runs." : String.format(
                    "%5s  %-20s %-10s %-8s %-19s  %8s  %s", "RUN", "PIPELINE", "STATUS", "TRIGGER", "STARTED",
                    "TIME", "MESSAGE"));
            runs.forEach(r -> text.append('\n').append(PipelineText.runLine(r)));
            out().result(json, text.toString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One run's steps: status, timings, inputs hash, outputs, logs.")
    int show(@Parameters(paramLabel = "RUN") long runId,
            @Option(names = "--log", description = "Print each step's log.") boolean logs) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            service.recoverInterrupted();
            PipelineRunRecord r = service.run(runId).orElseThrow(() -> new BadInputException("no pipeline run " + runId
                    + " (see: pipeline runs)"));
            List<StepRecord> steps = service.steps(runId);
            out().result(PipelineJson.run(r, steps, logs), PipelineText.run(r, steps, logs));
            return ExitCodes.OK;
        }
    }

    @Command(name = "approve", description = "Approve (or with --reject, reject) the step a waiting run waits at;"
            + " an approved run continues with pipeline resume RUN.")
    int approve(@Parameters(paramLabel = "RUN") long runId,
            @Option(names = "--reject", description = "Reject instead: the run fails with the reason.") boolean reject,
            @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required with --reject).") String reason,
            @Option(names = "--by", paramLabel = "NAME", description = "Who decides (default: the OS user).") String by)
            throws Exception {
        if (reject && (reason == null || reason.isBlank())) {
            throw new BadInputException("--reject needs --reason TEXT");
        }
        String actor = by != null && !by.isBlank() ? by.strip() : System.getProperty("user.name", "unknown");
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            service.recoverInterrupted();
            StepRecord s;
            try {
                s = reject ? service.reject(runId, actor, reason) : service.approve(runId, actor, reason);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            PipelineRunRecord r = service.run(runId).orElseThrow();
            out().result(PipelineJson.run(r, service.steps(runId), false), "Run " + runId + ": step " + s.name() + " "
                    + (reject ? "rejected" : "approved") + " by " + actor + (reject ? "; the run failed."
                    : "; continue with: pipeline resume " + runId));
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Pipeline files the workspace knows, with their last run.")
    int list() throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            List<PipelineEntry> all = service.pipelines();
            List<Object> json = new ArrayList<>();
            StringBuilder text = new StringBuilder(all.isEmpty() ? "No pipelines yet (pipeline add FILE, or run one)."
                    : "");
            for (PipelineEntry e : all) {
                Map<String, Object> m = PipelineJson.validation(e.validation());
                m.put("exists", e.exists());
                e.lastRun().ifPresent(r -> m.put("lastRun", PipelineJson.run(r, null, false)));
                json.add(m);
                text.append(text.isEmpty() ? "" : "\n").append(String.format("%-20s %s  %s", e.validation().name(),
                        e.file(), e.validation().valid() ? e.lastRun().map(r -> "last run " + r.id() + " "
                                + PipelineJson.lower(r.status().name())).orElse("never run")
                                : e.validation().problems().size() + " problem(s)"));
            }
            out().result(json, text.toString());
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", description = "Remember a pipeline file in the workspace (the studio lists it).")
    int add(@Parameters(paramLabel = "FILE") Path file) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            Validation v = service.add(file);
            v.problems().forEach(p -> err().println(p));
            out().result(PipelineJson.validation(v), "Added " + v.name() + " (" + file + ")"
                    + (v.valid() ? "" : ": " + v.problems().size() + " problem(s)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", description = "Run the pipeline on its triggers (triggers.schedule.every,"
            + " triggers.watch.folder) until Ctrl+C.")
    int watch(@Parameters(paramLabel = "FILE") Path file) throws Exception {
        try (Workspace ws = WorkspaceCommands.open(root()); PipelineService service = new PipelineService(ws)) {
            service.recoverInterrupted();
            CountDownLatch stop = new CountDownLatch(1);
            PipelineTriggers triggers;
            try {
                triggers = PipelineTriggers.start(service, file, new ProgressLines(err()), line -> {
                    err().println(line);
                    err().flush();
                });
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            Thread hook = new Thread(() -> {
                triggers.lastRun().ifPresent(PipelineRunHandle::cancel);
                stop.countDown();
            }, "pipeline-watch-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (triggers) {
                stop.await();
            } finally {
                removeHook(hook);
            }
            out().result(Map.of("ok", true), "Stopped watching.");
            return ExitCodes.OK;
        }
    }
}
