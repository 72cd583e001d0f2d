package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.pipelines.spec.PipelineSpec;
import dev.modelfactory.app.pipelines.spec.Refs;
import dev.modelfactory.app.pipelines.spec.StepSpec;
import dev.modelfactory.app.pipelines.spec.YNode;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.pipeline.Decision;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.wallet.WalletService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a step sees while it runs: its fields (variables substituted, references resolved to the outputs of
 * earlier steps), the workspace, a log, cancellation, the environment (for a passphrase variable) and the
 * wallet. Built by the runner for one step of one run.
 */
public final class StepContext {

    /** Everything the runner hands over; built once per step. */
    public record Parts(Workspace workspace, PipelineSpec pipeline, StepSpec step, long runId,
            Map<String, List<OutputRef>> earlierOutputs, Map<String, Path> variables, Map<String, String> environment,
            Function<Workspace, WalletService> wallets, Optional<Decision> decision, Consumer<String> log,
            CancellationToken cancel, PipelineStore store) {
    }

    private final Parts p;
    private final String inputsHash;

    public StepContext(Parts parts) {
        this(parts, "");
    }

    private StepContext(Parts parts, String inputsHash) {
        this.p = parts;
        this.inputsHash = inputsHash;
    }

    /** This context once the step's inputs hash is known. */
    public StepContext withInputsHash(String hash) {
        return new StepContext(p, hash);
    }

    /**
     * The step's inputs hash (empty while it is being computed): outputs without content of their own (a
     * dataset's working set, a verdict) are hashed from it, so they change exactly when the inputs do.
     */
    public String inputsHash() {
        return inputsHash;
    }

    public Workspace workspace() {
        return p.workspace();
    }

    public PipelineSpec pipeline() {
        return p.pipeline();
    }

    public StepSpec step() {
        return p.step();
    }

    public long runId() {
        return p.runId();
    }

    /** The workspace's pipeline runs (for "the current best" of this pipeline). */
    public PipelineStore store() {
        return p.store();
    }

    public Map<String, String> environment() {
        return p.environment();
    }

    public WalletService wallet() {
        return p.wallets().apply(p.workspace());
    }

    /** An approve step's recorded decision, if a person made one. */
    public Optional<Decision> decision() {
        return p.decision();
    }

    public void log(String line) {
        p.log().accept(line);
    }

    public CancellationToken cancel() {
        return p.cancel();
    }

    /** Where the error message names a field: {@code steps[3].train.model}. */
    public String field(String key) {
        return p.step().path() + "." + key;
    }

    private Optional<YNode.YScalar> scalar(String key) {
        return p.step().field(key).filter(n -> n instanceof YNode.YScalar s && !s.isNull()).map(n -> (YNode.YScalar) n);
    }

    /** A text field with its variables substituted. */
    public Optional<String> text(String key) {
        return scalar(key).map(s -> substitute(key, s.text().strip()));
    }

    public String requiredText(String key) {
        return text(key).orElseThrow(() -> new StepFailedException(field(key) + ": required"));
    }

    /** A text field as a path, relative ones against the pipeline file's folder. */
    public Optional<Path> path(String key) {
        return text(key).map(t -> p.pipeline().file().getParent().resolve(t).normalize());
    }

    public int integer(String key, int otherwise) {
        return scalar(key).map(s -> s.value() instanceof Number n ? n.intValue() : Integer.parseInt(s.text().strip()))
                .orElse(otherwise);
    }

    public double number(String key, double otherwise) {
        return scalar(key).map(s -> s.value() instanceof Number n ? n.doubleValue()
                : Double.parseDouble(s.text().strip())).orElse(otherwise);
    }

    public boolean bool(String key, boolean otherwise) {
        return scalar(key).map(s -> (Boolean) s.value()).orElse(otherwise);
    }

    public List<String> texts(String key) {
        Optional<YNode> n = p.step().field(key);
        if (n.isEmpty() || n.get() instanceof YNode.YScalar s && s.isNull()) {
            return List.of();
        }
        if (n.get() instanceof YNode.YList l) {
            List<String> out = new ArrayList<>();
            l.items().forEach(i -> out.add(substitute(key, ((YNode.YScalar) i).text().strip())));
            return out;
        }
        return List.of(substitute(key, ((YNode.YScalar) n.get()).text().strip()));
    }

    public List<Double> numbers(String key) {
        Optional<YNode> n = p.step().field(key);
        if (n.isEmpty() || !(n.get() instanceof YNode.YList l)) {
            return List.of();
        }
        return l.items().stream().map(i -> ((YNode.YScalar) i).value() instanceof Number x ? x.doubleValue()
                : Double.parseDouble(((YNode.YScalar) i).text().strip())).toList();
    }

    /** The output a reference field names (validated: the step is earlier and has that output). */
    public Optional<OutputRef> input(String key) {
        return scalar(key).map(s -> resolve(s.text()));
    }

    public OutputRef requiredInput(String key) {
        return input(key).orElseThrow(() -> new StepFailedException(field(key) + ": required"));
    }

    /** {@code ${step.output}} as the output that step made in this run (or reused). */
    public OutputRef resolve(String reference) {
        Refs.StepRef r = Refs.stepRef(reference).orElseThrow(() -> new IllegalArgumentException("not a reference: "
                + reference));
        return p.earlierOutputs().getOrDefault(r.step(), List.of()).stream().filter(o -> o.name().equals(r.output()))
                .findFirst().orElseThrow(() -> new StepFailedException(r + ": step " + r.step() + " has not made "
                        + r.output() + " in this run"));
    }

    /** The {@code systems} mapping: label to "base" or the reference text, in file order. */
    public Map<String, String> systems(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        p.step().field(key).filter(n -> n instanceof YNode.YMap).map(n -> (YNode.YMap) n).ifPresent(m ->
                m.entries().forEach((k, v) -> out.put(k, ((YNode.YScalar) v).text().strip())));
        return out;
    }

    private String substitute(String key, String text) {
        try {
            return Refs.substitute(text, p.variables());
        } catch (IllegalArgumentException e) {
            throw new StepFailedException(field(key) + ": " + e.getMessage(), e);
        }
    }
}
