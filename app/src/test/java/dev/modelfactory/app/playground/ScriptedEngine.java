package dev.modelfactory.app.playground;

import dev.modelfactory.studio.playground.AdapterState;
import dev.modelfactory.studio.playground.ChatMessage;
import dev.modelfactory.studio.playground.MemoryFigures;
import dev.modelfactory.studio.playground.PaneSettings;
import dev.modelfactory.studio.playground.PaneStream;
import dev.modelfactory.studio.playground.PlaygroundBackend;
import dev.modelfactory.studio.playground.PlaygroundEngine;
import dev.modelfactory.studio.playground.StreamResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A test engine that answers every request with one fixed text, streamed word by word on its own thread, and
 * records the messages each request was given: the playground's grounding is checked against what reached the
 * model, without a model that can follow an instruction (none exists offline here).
 */
final class ScriptedEngine implements PlaygroundEngine, PlaygroundBackend {

    private final String answer;
    final List<List<ChatMessage>> requests = new CopyOnWriteArrayList<>();

    ScriptedEngine(String answer) {
        this.answer = answer;
    }

    @Override
    public List<String> models() {
        return List.of("Scripted");
    }

    @Override
    public PlaygroundEngine open(String model) {
        return this;
    }

    @Override
    public String baseName() {
        return "Scripted";
    }

    @Override
    public boolean hasChatTemplate() {
        return true;
    }

    @Override
    public String register(Path peftFolder) {
        throw new UnsupportedOperationException("the scripted engine has no adapters");
    }

    @Override
    public List<AdapterState> adapters() {
        return List.of();
    }

    @Override
    public void pin(String adapterId) {
    }

    @Override
    public void unpin(String adapterId) {
    }

    @Override
    public boolean evict(String adapterId) {
        return false;
    }

    @Override
    public MemoryFigures memory() {
        return new MemoryFigures(0, 0, 0, 0, Runtime.getRuntime().freeMemory());
    }

    @Override
    public PaneStream start(String adapterId, List<ChatMessage> messages, boolean chat, PaneSettings settings,
                            Consumer<String> onText) {
        requests.add(List.copyOf(messages));
        CompletableFuture<StreamResult> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            String[] words = answer.split("(?<= )");
            for (String w : words) {
                onText.accept(w);
            }
            done.complete(new StreamResult(new int[words.length], 0, "STOP"));
        });
        return new PaneStream() {
            @Override
            public void cancel() {
            }

            @Override
            public void switchAdapter(String id) {
            }

            @Override
            public long lastSwapNanos() {
                return -1;
            }

            @Override
            public CompletableFuture<StreamResult> done() {
                return done;
            }
        };
    }

    @Override
    public void close() {
    }
}
