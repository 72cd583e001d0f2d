package dev.modelfactory.app.playground;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.serve.AdapterInfo;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.AdapterPoolStats;
import dev.modelfactory.engine.serve.ServeEngine;
import dev.modelfactory.engine.serve.ServeHandle;
import dev.modelfactory.engine.serve.ServeRequest;
import dev.modelfactory.engine.serve.ServeStats;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.studio.playground.AdapterState;
import dev.modelfactory.studio.playground.ChatMessage;
import dev.modelfactory.studio.playground.MemoryFigures;
import dev.modelfactory.studio.playground.PaneSettings;
import dev.modelfactory.studio.playground.PaneStream;
import dev.modelfactory.studio.playground.PlaygroundEngine;
import dev.modelfactory.studio.playground.StreamResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One loaded model served to the playground: every pane's request goes through the one {@link ServeEngine}
 * (batched decode steps over the shared base weights, each row with its own adapter from the
 * {@link AdapterPool}). Owns the loaded model, pool and engine and closes them together.
 */
public final class ServedPlayground implements PlaygroundEngine {

    /** Resident adapter budget when none is given: 1 GiB. */
    public static final long DEFAULT_ADAPTER_BUDGET = 1L << 30;

    private final String name;
    private final LoadedModel loaded;
    private final long baseBytes;
    private final AdapterPool pool;
    private final ServeEngine engine;
    private final List<String> order = new ArrayList<>();

    /**
     * @param name        the model's name as the user knows it
     * @param loaded      the loaded base (closed with this playground)
     * @param baseBytes   size of the model's weight file(s), for the memory meter
     * @param budgetBytes resident adapter budget of the pool
     */
    public ServedPlayground(String name, LoadedModel loaded, long baseBytes, long budgetBytes) {
        this.name = Objects.requireNonNull(name, "name");
        this.loaded = Objects.requireNonNull(loaded, "loaded");
        this.baseBytes = baseBytes;
        this.pool = new AdapterPool(loaded.model().config(), budgetBytes);
        Tokenizer tok = loaded.tokenizer();
        this.engine = ServeEngine.builder(loaded.model(), pool).decoder(tok::decode).build();
    }

    @Override
    public String baseName() {
        return name;
    }

    @Override
    public boolean hasChatTemplate() {
        return loaded.chat().isPresent();
    }

    @Override
    public synchronized String register(Path peftFolder) {
        String stem = peftFolder.getFileName() == null ? "adapter" : peftFolder.getFileName().toString();
        String id = stem;
        for (int n = 2; pool.isRegistered(id); n++) {
            id = stem + "-" + n;
        }
        pool.register(id, peftFolder);
        order.add(id);
        return id;
    }

    @Override
    public List<AdapterState> adapters() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(order);
        }
        List<AdapterState> states = new ArrayList<>();
        for (String id : ids) {
            AdapterInfo info = pool.info(id);
            states.add(new AdapterState(id, info.folder(), info.rank(), info.bytes(), pool.isResident(id),
                    pool.isPinned(id)));
        }
        return states;
    }

    @Override
    public void pin(String adapterId) {
        pool.pin(adapterId);
    }

    @Override
    public void unpin(String adapterId) {
        pool.unpin(adapterId);
    }

    @Override
    public boolean evict(String adapterId) {
        return pool.evict(adapterId);
    }

    @Override
    public MemoryFigures memory() {
        AdapterPoolStats p = pool.stats();
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new MemoryFigures(baseBytes, p.residentBytes(), p.budgetBytes(), engine.stats().kvCacheBytes(), free);
    }

    /** The scheduler's figures (steps, tokens, batch sizes). */
    public ServeStats serveStats() {
        return engine.stats();
    }

    @Override
    public PaneStream start(String adapterId, List<ChatMessage> messages, boolean chat, PaneSettings settings,
                            Consumer<String> onText) {
        GenerationRequest.Builder request = GenerationRequest.builder(prompt(messages, chat))
                .maxTokens(settings.maxTokens()).sampling(sampling(settings));
        if (loaded.tokenizer().eosId() >= 0) {
            request.stopToken(loaded.tokenizer().eosId());
        }
        ServeHandle handle = engine.submit(new ServeRequest(adapterId, request.build()),
                (token, text) -> onText.accept(text));
        return new HandleStream(handle);
    }

    /** Prompt tokens: the chat template's rendering (special tokens parsed), or the last message as text. */
    int[] prompt(List<ChatMessage> messages, boolean chat) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("Nothing to send: the conversation is empty");
        }
        Tokenizer tok = loaded.tokenizer();
        int[] ids;
        if (chat) {
            ChatTemplate template = loaded.chat().orElseThrow(() -> new IllegalStateException(
                    name + " has no chat template: use completion mode"));
            List<ChatTemplate.Message> turns = messages.stream()
                    .map(m -> new ChatTemplate.Message(m.role(), m.content())).toList();
            ids = tok.encode(template.render(turns, true), false, true);
        } else {
            ids = tok.encode(messages.getLast().content(), tok.addBosByDefault());
        }
        if (ids.length == 0 && tok.bosId() >= 0) {
            ids = new int[] {tok.bosId()};
        }
        return ids;
    }

    static SamplerConfig sampling(PaneSettings s) {
        SamplerConfig c = s.temperature() == 0 ? SamplerConfig.greedy()
                : SamplerConfig.temperature((float) s.temperature(), s.seed());
        return c.withTopP((float) s.topP()).withSeed(s.seed());
    }

    @Override
    public void close() {
        engine.close();
        pool.close();
        loaded.close();
    }

    /** A pane's view of one {@link ServeHandle}. */
    private record HandleStream(ServeHandle handle) implements PaneStream {

        @Override
        public void cancel() {
            handle.cancel();
        }

        @Override
        public void switchAdapter(String adapterId) {
            handle.switchAdapter(adapterId);
        }

        @Override
        public long lastSwapNanos() {
            return handle.lastSwapNanos();
        }

        @Override
        public CompletableFuture<StreamResult> done() {
            return handle.result().thenApply(HandleStream::result);
        }

        private static StreamResult result(GenerationResult r) {
            return new StreamResult(r.tokens(), r.decodeTokensPerSecond(), r.stopReason().name());
        }
    }
}
