package dev.modelfactory.app.playground;

import dev.modelfactory.studio.playground.AdapterState;
import dev.modelfactory.studio.playground.ChatMessage;
import dev.modelfactory.studio.playground.MemoryFigures;
import dev.modelfactory.studio.playground.PaneSettings;
import dev.modelfactory.studio.playground.PaneStream;
import dev.modelfactory.studio.playground.PlaygroundBackend;
import dev.modelfactory.studio.playground.PlaygroundEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The real backend with a gate for tests: once {@link #arm()}ed, the next stream's first token holds the
 * engine's scheduler thread until {@link #release()}, so a test can act "mid-stream" without timing.
 */
final class GatedBackend implements PlaygroundBackend {

    private final PlaygroundBackend real;
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile CountDownLatch reached = new CountDownLatch(1);
    private volatile CountDownLatch open = new CountDownLatch(0);
    volatile ServedPlayground served;

    GatedBackend(PlaygroundBackend real) {
        this.real = real;
    }

    void arm() {
        reached = new CountDownLatch(1);
        open = new CountDownLatch(1);
        armed.set(true);
    }

    void awaitReached() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the gated stream never produced its first token");
        }
    }

    void release() {
        open.countDown();
    }

    @Override
    public List<String> models() {
        return real.models();
    }

    @Override
    public PlaygroundEngine open(String model) {
        PlaygroundEngine e = real.open(model);
        served = (ServedPlayground) e;
        return new PlaygroundEngine() {
            @Override
            public String baseName() {
                return e.baseName();
            }

            @Override
            public boolean hasChatTemplate() {
                return e.hasChatTemplate();
            }

            @Override
            public String register(Path peftFolder) {
                return e.register(peftFolder);
            }

            @Override
            public List<AdapterState> adapters() {
                return e.adapters();
            }

            @Override
            public void pin(String id) {
                e.pin(id);
            }

            @Override
            public void unpin(String id) {
                e.unpin(id);
            }

            @Override
            public boolean evict(String id) {
                return e.evict(id);
            }

            @Override
            public MemoryFigures memory() {
                return e.memory();
            }

            @Override
            public PaneStream start(String adapterId, List<ChatMessage> messages, boolean chat, PaneSettings settings,
                                    Consumer<String> onText) {
                if (!armed.compareAndSet(true, false)) {
                    return e.start(adapterId, messages, chat, settings, onText);
                }
                CountDownLatch r = reached;
                CountDownLatch o = open;
                AtomicBoolean first = new AtomicBoolean(true);
                return e.start(adapterId, messages, chat, settings, text -> {
                    onText.accept(text);
                    if (first.getAndSet(false)) {
                        r.countDown();
                        try {
                            o.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            }

            @Override
            public void close() {
                e.close();
            }
        };
    }
}
