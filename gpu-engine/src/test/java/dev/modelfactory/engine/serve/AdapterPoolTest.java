package dev.modelfactory.engine.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration, LRU eviction under the budget, pins, leases, prefetch and refusals. */
class AdapterPoolTest {

    private static final LlamaConfig C = ServeFixtures.config(RopeStyle.ROTATE_HALF);

    @TempDir
    Path dir;

    /** Registers n rank-2 q-only adapters a0..a{n-1}; returns the bytes of one. */
    private long registerMany(AdapterPool pool, int n) {
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            Path f = ServeFixtures.saved(dir, "a" + i, C, EnumSet.of(LoraTarget.Q), 2, i);
            bytes = pool.register("a" + i, f).bytes();
        }
        return bytes;
    }

    @Test
    void leastRecentlyUsedIsEvictedAndTheBudgetHolds() {
        // One adapter: 2 layers x 4·2·(32 + 32) bytes = 1024 bytes; the budget holds three.
        try (AdapterPool pool = new AdapterPool(C, 3 * 1024 + 100)) {
            assertEquals(1024, registerMany(pool, 6));
            for (String id : List.of("a0", "a1", "a2")) {
                pool.acquire(id).close();
            }
            assertEquals(List.of("a0", "a1", "a2"), pool.residentIds());
            pool.acquire("a0").close(); // a0 becomes the most recent
            pool.acquire("a3").close(); // evicts a1, the least recently used
            assertEquals(List.of("a2", "a0", "a3"), pool.residentIds());
            AdapterPoolStats s = pool.stats();
            assertEquals(6, s.registered());
            assertEquals(3, s.resident());
            assertEquals(3 * 1024, s.residentBytes());
            assertEquals(1, s.hits());
            assertEquals(4, s.misses());
            assertEquals(4, s.loads());
            assertEquals(1, s.evictions());
            // Invariant over a longer random-ish access pattern.
            for (int i = 0; i < 40; i++) {
                pool.acquire("a" + ((i * 7) % 6)).close();
                assertTrue(pool.stats().residentBytes() <= pool.stats().budgetBytes());
                assertTrue(pool.stats().resident() <= 3);
            }
        }
    }

    @Test
    void pinnedAndLeasedAdaptersAreNotEvicted() {
        try (AdapterPool pool = new AdapterPool(C, 2 * 1024)) {
            registerMany(pool, 4);
            pool.pin("a0");
            try (AdapterLease held = pool.acquire("a1")) {
                assertFalse(pool.evict("a0"), "pinned");
                assertFalse(pool.evict("a1"), "leased");
                AdapterException e = assertThrows(AdapterException.class, () -> pool.acquire("a2"));
                assertTrue(e.getMessage().contains("'a2'") && e.getMessage().contains("pinned or in-use"), e.getMessage());
                assertEquals("a1", held.id());
            }
            pool.acquire("a2").close(); // a1 is free now: it goes, the pinned a0 stays
            assertTrue(pool.isResident("a0"));
            assertFalse(pool.isResident("a1"));
            pool.unpin("a0");
            pool.acquire("a3").close();
            assertFalse(pool.isResident("a0"));
            assertTrue(pool.evict("a3"));
            assertEquals(List.of("a2"), pool.residentIds());
        }
    }

    @Test
    void aResidentAdapterIsSharedNotReloaded() {
        try (AdapterPool pool = new AdapterPool(C, 1 << 20)) {
            registerMany(pool, 1);
            try (AdapterLease a = pool.acquire("a0"); AdapterLease b = pool.acquire("a0")) {
                assertSame(a.weights(), b.weights());
            }
            assertEquals(1, pool.stats().loads());
        }
    }

    @Test
    void prefetchLoadsInTheBackgroundAndReportsFailures() throws Exception {
        try (AdapterPool pool = new AdapterPool(C, 1 << 20)) {
            registerMany(pool, 3);
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                fs.add(pool.prefetch("a" + i));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).get();
            assertEquals(3, pool.stats().resident());
            assertEquals(0, pool.stats().misses(), "prefetch is not an acquire");
            pool.acquire("a1").close();
            assertEquals(1, pool.stats().hits());
            // A file that went bad after registration fails the prefetch with the reason.
            Files.writeString(dir.resolve("a2").resolve("adapter_model.safetensors"), "garbage");
            assertTrue(pool.evict("a2"));
            CompletionException e = assertThrows(CompletionException.class, () -> pool.prefetch("a2").join());
            assertTrue(e.getCause().getMessage().contains("'a2'"), e.getCause().getMessage());
            assertEquals(2, pool.stats().resident());
        }
    }

    @Test
    void registrationRefusesMismatchesWithTheKeyAndShape() {
        LlamaConfig other = LlamaConfig.builder().dim(32).hiddenDim(64).layers(2).heads(4).kvHeads(2)
                .vocabSize(ServeFixtures.VOCAB).maxSeqLen(64).build();
        Path f = ServeFixtures.saved(dir, "mlp", other, EnumSet.of(LoraTarget.UP), 4, 1);
        try (AdapterPool pool = new AdapterPool(C, 1 << 20)) {
            AdapterException e = assertThrows(AdapterException.class, () -> pool.register("mlp", f));
            assertTrue(e.getMessage().contains("'mlp'"), e.getMessage());
            assertTrue(e.getMessage().contains("layers.0.mlp.up_proj.lora_B.weight") || e.getMessage().contains("up_proj.lora_A"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("[64, 4]") && e.getMessage().contains("[48, 4]"), e.getMessage());
            LlamaConfig deeper = LlamaConfig.builder().dim(32).hiddenDim(48).layers(3).heads(4).kvHeads(2)
                    .vocabSize(ServeFixtures.VOCAB).maxSeqLen(64).build();
            Path d = ServeFixtures.saved(dir, "deep", deeper, EnumSet.of(LoraTarget.Q), 2, 1);
            AdapterException extra = assertThrows(AdapterException.class, () -> pool.register("deep", d));
            assertTrue(extra.getMessage().contains("layers.2.self_attn.q_proj"), extra.getMessage());
            assertThrows(AdapterException.class, () -> pool.register("none", dir.resolve("nowhere")));
            assertThrows(AdapterException.class, () -> pool.acquire("unknown"));
            assertEquals(0, pool.stats().registered());
            registerMany(pool, 1);
            assertThrows(IllegalArgumentException.class, () -> pool.register("a0", dir.resolve("a0")));
        }
    }

    @Test
    void concurrentAcquiresKeepTheBudgetAndLoadEachMissOnce() throws Exception {
        // Three threads each hold at most one lease, so a budget of three adapters always has room.
        try (AdapterPool pool = new AdapterPool(C, 3 * 1024)) {
            registerMany(pool, 6);
            List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        String id = "a" + ((i * (seed + 1) + seed) % 6);
                        try (AdapterLease l = pool.acquire(id)) {
                            if (!l.weights().id().equals(id)) {
                                errors.add(new AssertionError("lease for " + id + " holds " + l.weights().id()));
                            }
                            AdapterPoolStats s = pool.stats();
                            if (s.residentBytes() > s.budgetBytes()) {
                                errors.add(new AssertionError("over budget: " + s));
                            }
                        } catch (Throwable e) {
                            errors.add(e);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(List.of(), errors);
            AdapterPoolStats s = pool.stats();
            assertEquals(600, s.hits() + s.misses());
            assertEquals(s.misses(), s.loads(), "a miss that waits for another thread's load counts as a hit");
            assertEquals(s.loads() - s.resident(), s.evictions());
        }
    }

    @Test
    void anAdapterLargerThanTheWholeBudgetIsRefused() {
        try (AdapterPool pool = new AdapterPool(C, 1000)) {
            registerMany(pool, 1);
            AdapterException e = assertThrows(AdapterException.class, () -> pool.acquire("a0"));
            assertTrue(e.getMessage().contains("whole adapter budget"), e.getMessage());
            assertEquals(0, pool.stats().residentBytes());
        }
    }
}
