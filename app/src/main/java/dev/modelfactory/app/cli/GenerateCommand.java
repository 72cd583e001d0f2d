package dev.modelfactory.app.cli;

import dev.modelfactory.app.models.ModelResolver;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.generate.CancellationFlag;
import dev.modelfactory.engine.generate.DecodeSession;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.Generator;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.generate.TokenListener;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.model.LlamaSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory generate}: complete a prompt with a model (a GGUF file, a Hugging Face folder or an
 * imported model). Text streams to stdout as it is generated; with {@code --json} one result document
 * follows instead. Ctrl+C stops generation cleanly.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text with a model: greedy by default; sampling with --temperature/--top-k/--top-p/"
                + "--min-p; --seed makes sampling reproducible. An empty --prompt starts from BOS.")
public final class GenerateCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL_OR_PATH",
            description = "A .gguf file, a Hugging Face folder, or an imported model's name or id (prefix).")
    private String model;

    @Option(names = {"-p", "--prompt"}, defaultValue = "", paramLabel = "TEXT",
            description = "The prompt (default: empty, i.e. start from BOS).")
    private String prompt;

    @Option(names = "--max-tokens", defaultValue = "128", paramLabel = "N", description = "Tokens to generate at most (default ${DEFAULT-VALUE}).")
    private int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T", description = "0 = greedy (default).")
    private float temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "Keep the K most likely tokens (0 = off).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P", description = "Nucleus sampling mass (1 = off).")
    private float topP;

    @Option(names = "--min-p", defaultValue = "0", paramLabel = "P", description = "Drop tokens below P x the top probability (0 = off).")
    private float minP;

    @Option(names = "--repeat-penalty", defaultValue = "1", paramLabel = "R", description = "Repetition penalty (1 = off).")
    private float repeatPenalty;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text is generated (repeatable).")
    private List<String> stops = new ArrayList<>();

    @Option(names = "--context", defaultValue = "2048", paramLabel = "N", description = "Context to allocate (clamped to the model's).")
    private int context;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path path = ModelResolver.resolve(model, root.workspace());
        CancellationFlag cancel = new CancellationFlag();
        Thread hook = new Thread(cancel::cancel, "generate-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LoadedModel loaded = load(path, err)) {
            int[] ids = encode(loaded);
            GenerationRequest.Builder request = GenerationRequest.builder(ids).maxTokens(maxTokens).sampling(sampling());
            if (loaded.tokenizer().eosId() >= 0) {
                request.stopToken(loaded.tokenizer().eosId());
            }
            stops.forEach(request::stopString);
            TokenListener stream = root.json() ? TokenListener.none() : (token, text) -> {
                out.print(text);
                out.flush();
            };
            if (!root.json()) {
                out.print(prompt);
            }
            GenerationResult result;
            try (LlamaSession session = loaded.model().newSession(Math.min(context, loaded.model().config().maxSeqLen()))) {
                result = new Generator(loaded.tokenizer()::decode)
                        .generate(DecodeSession.of(session), request.build(), stream, cancel);
            }
            report(loaded, ids, result, out, err);
            return ExitCodes.OK;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl+C: generation was cancelled, nothing to undo
            }
        }
    }

    private void validate() {
        if (maxTokens < 1) {
            throw new BadInputException("--max-tokens must be at least 1 (got " + maxTokens + ")");
        }
        if (context < 1) {
            throw new BadInputException("--context must be at least 1 (got " + context + ")");
        }
        if (temperature < 0 || topK < 0 || topP <= 0 || topP > 1 || minP < 0 || minP > 1 || repeatPenalty <= 0) {
            throw new BadInputException("sampling settings out of range: --temperature >= 0, --top-k >= 0, "
                    + "0 < --top-p <= 1, 0 <= --min-p <= 1, --repeat-penalty > 0");
        }
    }

    private LoadedModel load(Path path, PrintWriter err) {
        if (!root.json()) {
            err.println("Loading " + path + " ...");
        }
        try {
            return ModelLoader.load(path, Backends.best(), context);
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private int[] encode(LoadedModel loaded) {
        var tok = loaded.tokenizer();
        int[] ids = tok.encode(prompt, tok.addBosByDefault());
        if (ids.length == 0) {
            if (tok.bosId() < 0) {
                throw new BadInputException("--prompt is empty and this model's vocabulary has no BOS token to start from");
            }
            ids = new int[] {tok.bosId()};
        }
        return ids;
    }

    private SamplerConfig sampling() {
        SamplerConfig s = temperature == 0 ? SamplerConfig.greedy() : SamplerConfig.temperature(temperature, seed);
        if (topK > 0) {
            s = s.withTopK(topK);
        }
        return s.withTopP(topP).withMinP(minP).withRepetitionPenalty(repeatPenalty).withSeed(seed);
    }

    private void report(LoadedModel loaded, int[] promptIds, GenerationResult r, PrintWriter out, PrintWriter err) {
        if (!root.json()) {
            out.println();
            out.flush();
            err.printf(Locale.ROOT, "%d prompt tokens (%.1f tok/s), %d generated (%.1f tok/s), stopped: %s%n",
                    r.promptTokens(), r.prefillTokensPerSecond(), r.generatedTokens(), r.decodeTokensPerSecond(),
                    r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", true);
        json.put("model", loaded.summary().location().toString());
        json.put("backend", loaded.model().backend().name());
        json.put("prompt", prompt);
        json.put("text", r.text());
        json.put("promptTokenIds", Arrays.stream(promptIds).boxed().toList());
        json.put("tokenIds", Arrays.stream(r.tokens()).boxed().toList());
        json.put("promptTokens", r.promptTokens());
        json.put("generatedTokens", r.generatedTokens());
        json.put("prefillTokensPerSecond", r.prefillTokensPerSecond());
        json.put("decodeTokensPerSecond", r.decodeTokensPerSecond());
        json.put("stopReason", r.stopReason().name().toLowerCase(Locale.ROOT));
        json.put("loadMillis", loaded.loadNanos() / 1_000_000.0);
        new Output(out, true).result(json, "");
    }
}
