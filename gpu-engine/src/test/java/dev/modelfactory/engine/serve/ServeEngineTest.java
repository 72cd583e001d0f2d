package dev.modelfactory.engine.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.generate.CancellationToken;
import dev.modelfactory.engine.generate.DecodeSession;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.Generator;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.generate.StopReason;
import dev.modelfactory.engine.generate.TokenListener;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.serve.lora.MergedLora;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler against sequential single-request generation. */
class ServeEngineTest {

    private static final LlamaConfig C = ServeFixtures.config(RopeStyle.INTERLEAVED);

    @TempDir
    Path dir;

    private Backend be;
    private InMemoryWeights base;
    private LlamaModel model;
    private AdapterPool pool;

    @BeforeEach
    void setUp() {
        be = new CpuBackend(1);
        base = RandomWeights.create(C, 21);
        model = LlamaModel.load(C, base, be);
        pool = new AdapterPool(C, 1 << 24);
        pool.register("x", ServeFixtures.saved(dir, "x", C, ServeFixtures.all(), 4, 1));
        pool.register("y", ServeFixtures.saved(dir, "y", C, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.UP), 8, 2));
        pool.register("z", ServeFixtures.saved(dir, "z", C, EnumSet.of(LoraTarget.DOWN, LoraTarget.O), 2, 3));
    }

    @AfterEach
    void tearDown() {
        pool.close();
        model.close();
        be.close();
    }

    /** One request alone through the plain {@link Generator}, the adapter per forward pass chosen by index. */
    private GenerationResult alone(GenerationRequest g, IntFunction<String> adapterOfAppend) {
        try (LlamaSession s = model.newSession()) {
            DecodeSession d = new DecodeSession() {
                int appends;

                @Override
                public float[] append(int[] tokens) {
                    String id = adapterOfAppend.apply(appends++);
                    if (id == null) {
                        return s.append(null, tokens);
                    }
                    try (AdapterLease l = pool.acquire(id)) {
                        return s.append(LoraBatchDelta.uniform(be, l.weights()), tokens);
                    }
                }

                @Override
                public int position() {
                    return s.position();
                }

                @Override
                public int capacity() {
                    return s.capacity();
                }
            };
            return new Generator().generate(d, g, TokenListener.none(), CancellationToken.never());
        }
    }

    private static GenerationRequest greedy(int maxTokens, int... prompt) {
        return GenerationRequest.builder(prompt).maxTokens(maxTokens).build();
    }

    @Test
    void concurrentRequestsGiveTheTokensOfSequentialOnes() {
        List<ServeRequest> requests = List.of(
                ServeRequest.base(greedy(12, 1, 2, 3)),
                ServeRequest.adapter("x", greedy(20, 4, 5)),
                ServeRequest.adapter("y", greedy(7, 6, 7, 8, 9)),
                ServeRequest.adapter("z", greedy(15, 10)),
                ServeRequest.adapter("x", GenerationRequest.builder(11, 12).maxTokens(18)
                        .sampling(SamplerConfig.temperature(0.9f, 42).withTopK(20)).build()),
                ServeRequest.base(GenerationRequest.builder(13, 14, 15).maxTokens(25).stopToken(7).build()),
                ServeRequest.adapter("y", greedy(9, 16, 17)));
        List<ServeHandle> handles = new ArrayList<>();
        List<List<Integer>> streamed = new ArrayList<>();
        try (ServeEngine engine = ServeEngine.builder(model, pool).maxBatch(4).build()) {
            for (ServeRequest r : requests) {
                List<Integer> seen = new CopyOnWriteArrayList<>();
                streamed.add(seen);
                handles.add(engine.submit(r, (token, text) -> seen.add(token)));
            }
            for (int i = 0; i < requests.size(); i++) {
                ServeRequest r = requests.get(i);
                GenerationResult expected = alone(r.generation(), k -> r.adapter());
                GenerationResult actual = handles.get(i).await();
                assertArrayEquals(expected.tokens(), actual.tokens(), "request " + i);
                assertEquals(expected.stopReason(), actual.stopReason(), "request " + i);
                assertEquals(expected.tokens().length, streamed.get(i).size());
            }
            assertTrue(engine.stats().steps() > 0);
        }
        // The adapters differ: x's tokens are not the base's for the same prompt.
        GenerationRequest same = greedy(12, 4, 5);
        assertTrue(!java.util.Arrays.equals(alone(same, k -> null).tokens(), alone(same, k -> "x").tokens()));
    }

    @Test
    void cancellingOneRequestLeavesTheOthersAlone() {
        List<ServeRequest> requests = List.of(ServeRequest.base(greedy(30, 1, 2)), ServeRequest.adapter("x", greedy(30, 3)),
                ServeRequest.adapter("y", greedy(30, 4, 5, 6)));
        try (ServeEngine engine = ServeEngine.builder(model, pool).build()) {
            List<ServeHandle> handles = new ArrayList<>();
            // The listener runs on the scheduler thread, possibly before submit returns: it waits for the handle.
            CompletableFuture<ServeHandle> victim = new CompletableFuture<>();
            int[] count = {0};
            for (int i = 0; i < requests.size(); i++) {
                boolean cancelMe = i == 1;
                handles.add(engine.submit(requests.get(i), (token, text) -> {
                    if (cancelMe && ++count[0] == 3) {
                        victim.join().cancel();
                    }
                }));
                if (cancelMe) {
                    victim.complete(handles.get(i));
                }
            }
            GenerationResult cancelled = handles.get(1).await();
            assertEquals(StopReason.CANCELLED, cancelled.stopReason());
            GenerationResult full = alone(requests.get(1).generation(), k -> "x");
            assertArrayEquals(java.util.Arrays.copyOf(full.tokens(), 3), cancelled.tokens());
            for (int i : new int[] {0, 2}) {
                GenerationResult r = handles.get(i).await();
                assertEquals(StopReason.MAX_TOKENS, r.stopReason());
                assertArrayEquals(alone(requests.get(i).generation(), k -> requests.get(i).adapter()).tokens(), r.tokens());
            }
        }
    }

    @Test
    void switchingAdaptersBetweenTokensMatchesMergedRuns() {
        int switchAfter = 4;
        GenerationRequest g = greedy(14, 9, 8, 7);
        CompletableFuture<ServeHandle> h = new CompletableFuture<>();
        int[] count = {0};
        GenerationResult served;
        try (ServeEngine engine = ServeEngine.builder(model, pool).build()) {
            h.complete(engine.submit(ServeRequest.adapter("x", g), (token, text) -> {
                if (++count[0] == switchAfter) {
                    h.join().switchAdapter("y");
                }
            }));
            served = h.join().await();
            assertTrue(h.join().lastSwapNanos() >= 0);
        }
        // Reference through merged weights: x merged for the prompt and the first tokens' forward passes,
        // then x unmerged and y merged.
        MergedLora[] merged = new MergedLora[1];
        try (AdapterLease x = pool.acquire("x"); AdapterLease y = pool.acquire("y")) {
            merged[0] = MergedLora.merge(model, base, x.weights());
            try (LlamaSession s = model.newSession()) {
                DecodeSession d = new DecodeSession() {
                    int appends;

                    @Override
                    public float[] append(int[] tokens) {
                        if (appends++ == switchAfter) {
                            merged[0].close();
                            merged[0] = MergedLora.merge(model, base, y.weights());
                        }
                        return s.append(tokens);
                    }

                    @Override
                    public int position() {
                        return s.position();
                    }

                    @Override
                    public int capacity() {
                        return s.capacity();
                    }
                };
                GenerationResult expected = new Generator().generate(d, g, TokenListener.none(), CancellationToken.never());
                assertArrayEquals(expected.tokens(), served.tokens());
            } finally {
                merged[0].close();
            }
        }
        // And the switch mattered: staying on x gives other tokens.
        assertTrue(!java.util.Arrays.equals(alone(g, k -> "x").tokens(), served.tokens()));
    }

    @Test
    void aRequestCancelledWhileQueuedNeverRunsAndCloseEndsRunningOnes() {
        ServeEngine engine = ServeEngine.builder(model, pool).maxBatch(1).build();
        ServeHandle first = engine.submit(ServeRequest.adapter("x", greedy(40, 1, 2)), null);
        ServeHandle queued = engine.submit(ServeRequest.base(greedy(40, 3)), null);
        queued.cancel();
        assertEquals(40, first.await().tokens().length);
        GenerationResult r = queued.await();
        assertEquals(StopReason.CANCELLED, r.stopReason());
        assertEquals(0, r.tokens().length);
        ServeHandle running = engine.submit(ServeRequest.adapter("y", greedy(60, 4)), null);
        ServeHandle waiting = engine.submit(ServeRequest.adapter("z", greedy(60, 5)), null);
        engine.close();
        // Whatever point the scheduler had reached, nothing is left hanging.
        assertTrue(running.result().isDone() && waiting.result().isDone());
        assertThrows(IllegalStateException.class, () -> engine.submit(ServeRequest.base(greedy(1, 1)), null));
    }

    @Test
    void unknownAdaptersAndOversizedPromptsAreRefused() {
        try (ServeEngine engine = ServeEngine.builder(model, pool).build()) {
            assertThrows(AdapterException.class, () -> engine.submit(ServeRequest.adapter("nope", greedy(3, 1)), null));
            int[] longPrompt = new int[C.maxSeqLen() + 1];
            ServeHandle h = engine.submit(ServeRequest.base(greedy(3, longPrompt)), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, h::await);
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            assertEquals(3, engine.submit(ServeRequest.base(greedy(3, 1)), null).await().tokens().length);
        }
    }
}
