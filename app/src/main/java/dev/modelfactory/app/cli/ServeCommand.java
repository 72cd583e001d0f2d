package dev.modelfactory.app.cli;

import dev.modelfactory.app.models.ModelResolver;
import dev.modelfactory.app.serve.ApiServer;
import dev.modelfactory.app.serve.ServedModel;
import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.ServeEngine;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code modelfactory serve}: an OpenAI-compatible HTTP API ({@code /v1/models}, {@code /v1/chat/completions},
 * {@code /v1/completions}) over one base model and LoRA adapters; a request's {@code model} is the base name
 * or an adapter id. Runs until Ctrl+C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model and its LoRA adapters over an OpenAI-compatible HTTP API until Ctrl+C. "
                + "Loopback only unless --api-key-file is given.")
public final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL_OR_PATH",
            description = "A .gguf file, a Hugging Face folder, or an imported model's name or id (prefix).")
    private String model;

    @Option(names = "--adapter", paramLabel = "NAME=PEFT_DIR", description = "Register a PEFT adapter folder as model NAME (repeatable).")
    private List<String> adapters = new ArrayList<>();

    @Option(names = "--adapters-dir", paramLabel = "DIR", description = "Register every PEFT adapter folder in DIR under its folder name.")
    private Path adaptersDir;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "Address to bind (default ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = "--port", defaultValue = "8000", paramLabel = "PORT", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free).")
    private int port;

    @Option(names = "--api-key-file", paramLabel = "FILE", description = "File holding the API key clients must send as a Bearer token; required off loopback.")
    private Path apiKeyFile;

    @Option(names = "--max-tokens-limit", defaultValue = "4096", paramLabel = "N", description = "Most tokens one request may ask for (default ${DEFAULT-VALUE}).")
    private int maxTokensLimit;

    @Option(names = "--max-body-bytes", defaultValue = "1048576", paramLabel = "N", description = "Largest request body (default ${DEFAULT-VALUE}).")
    private long maxBodyBytes;

    @Option(names = "--context", defaultValue = "2048", paramLabel = "N", description = "Context per request (clamped to the model's).")
    private int context;

    @Option(names = "--adapter-budget-mb", defaultValue = "1024", paramLabel = "MB", description = "Memory for resident adapters (default ${DEFAULT-VALUE}).")
    private long budgetMb;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String key = validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Path> named = adapterFolders();
        Path path = ModelResolver.resolve(model, root.workspace());
        err.println("Loading " + path + " ...");
        LoadedModel loaded;
        try {
            loaded = ModelLoader.load(path, Backends.best(), context);
        } catch (ModelFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        try (loaded; AdapterPool pool = new AdapterPool(loaded.model().config(), budgetMb << 20)) {
            named.forEach((name, folder) -> {
                try {
                    pool.register(name, folder);
                } catch (AdapterException | IllegalArgumentException e) {
                    throw new BadInputException("--adapter " + name + "=" + folder + ": " + e.getMessage(), e);
                }
            });
            ChatTemplate chat = loaded.chat().orElseGet(() -> ChatFormat.chatMl().template());
            String name = loaded.summary().name();
            try (ServeEngine engine = ServeEngine.builder(loaded.model(), pool).decoder(loaded.tokenizer()::decode).build();
                 ApiServer server = ApiServer.builder(new ServedModel(name, loaded.tokenizer(), chat, pool, engine))
                         .host(host).port(port).apiKey(key).maxBodyBytes(maxBodyBytes).maxTokensLimit(maxTokensLimit)
                         .start()) {
                String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port() + "/v1";
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("ok", true);
                json.put("url", url);
                json.put("model", name);
                json.put("adapters", List.copyOf(named.keySet()));
                new Output(out, root.json()).result(json, "Serving " + name + " and " + named.size()
                        + " adapter(s) at " + url + " (Ctrl+C stops)");
                out.flush();
                CountDownLatch stop = new CountDownLatch(1);
                Thread hook = new Thread(stop::countDown, "serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                stop.await();
            }
        }
        return ExitCodes.OK;
    }

    /** Checks the options before anything loads; returns the API key (null: none). */
    private String validate() {
        if (maxTokensLimit < 1 || maxBodyBytes < 1 || context < 1 || budgetMb < 1 || port < 0 || port > 65535) {
            throw new BadInputException("--max-tokens-limit, --max-body-bytes, --context and --adapter-budget-mb must "
                    + "be >= 1 and --port within 0..65535");
        }
        String key = null;
        if (apiKeyFile != null) {
            try {
                key = Files.readString(apiKeyFile).strip();
            } catch (IOException e) {
                throw new BadInputException("--api-key-file " + apiKeyFile + ": cannot read: " + e.getMessage(), e);
            }
            if (key.isEmpty()) {
                throw new BadInputException("--api-key-file " + apiKeyFile + ": the file is empty");
            }
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new BadInputException("--host " + host + ": unknown host", e);
        }
        if (!loopback && key == null) {
            throw new BadInputException("--host " + host + " is not loopback: give --api-key-file so that only "
                    + "clients with the key can use the model");
        }
        return key;
    }

    private Map<String, Path> adapterFolders() {
        Map<String, Path> named = new LinkedHashMap<>();
        if (adaptersDir != null) {
            if (!Files.isDirectory(adaptersDir)) {
                throw new BadInputException("--adapters-dir " + adaptersDir + ": not a folder");
            }
            try (Stream<Path> s = Files.list(adaptersDir)) {
                s.filter(p -> Files.isRegularFile(p.resolve(PeftAdapterConfig.FILE))).sorted()
                        .forEach(p -> named.put(p.getFileName().toString(), p));
            } catch (IOException e) {
                throw new BadInputException("--adapters-dir " + adaptersDir + ": cannot list: " + e.getMessage(), e);
            }
        }
        for (String a : adapters) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new BadInputException("--adapter " + a + ": expected NAME=PEFT_DIR");
            }
            String name = a.substring(0, eq);
            if (named.put(name, Path.of(a.substring(eq + 1))) != null) {
                throw new BadInputException("--adapter " + a + ": the name " + name + " is taken twice");
            }
        }
        return named;
    }
}
