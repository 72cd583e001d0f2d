package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.safetensors.SafetensorsFile;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.serve.lora.LoraLayout;
import dev.modelfactory.engine.serve.lora.LoraWeights;
import dev.modelfactory.engine.train.LoraTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Many LoRA adapters over one base model: registration by id (reads only {@code adapter_config.json} and
 * the safetensors header, which is checked against the base then), a byte budget for resident adapters
 * with least-recently-used eviction, pins, leases (an adapter in use is never evicted) and asynchronous
 * prefetch. Thread-safe: one lock guards the bookkeeping; loading runs outside it, with its bytes reserved
 * against the budget first, so concurrent loads never overshoot it and one adapter loads only once.
 */
public final class AdapterPool implements AutoCloseable {

    static final String WEIGHTS = "adapter_model.safetensors";

    /** Bookkeeping of one registered adapter; guarded by the pool's lock. */
    static final class Entry {
        final AdapterInfo info;
        LoraWeights weights;
        CompletableFuture<LoraWeights> loading;
        int leases;
        boolean pinned;

        Entry(AdapterInfo info) {
            this.info = info;
        }
    }

    private final LlamaConfig base;
    private final long budgetBytes;
    private final ExecutorService prefetcher = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Entry> registered = new HashMap<>();
    /** Resident adapters, least recently used first. */
    private final LinkedHashMap<String, Entry> resident = new LinkedHashMap<>(16, 0.75f, true);
    private long residentBytes;
    private long reservedBytes;
    private long hits;
    private long misses;
    private long loads;
    private long evictions;

    /** A pool for adapters of {@code base}, holding at most {@code budgetBytes} of them resident. */
    public AdapterPool(LlamaConfig base, long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("the adapter budget must be > 0 bytes, got " + budgetBytes);
        }
        this.base = base;
        this.budgetBytes = budgetBytes;
    }

    public LlamaConfig base() {
        return base;
    }

    /**
     * Registers the PEFT folder under {@code id} without loading it: parses its config and checks its
     * safetensors header against the base. Refuses a taken id, an unreadable folder or a mismatch, naming
     * the adapter, the file and the key.
     */
    public AdapterInfo register(String id, Path folder) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an adapter id must not be blank");
        }
        Path cfgFile = folder.resolve(PeftAdapterConfig.FILE);
        Path weights = folder.resolve(WEIGHTS);
        if (!Files.isRegularFile(cfgFile) || !Files.isRegularFile(weights)) {
            throw new AdapterException("adapter '" + id + "': " + folder + " is not a PEFT adapter folder (needs "
                    + PeftAdapterConfig.FILE + " and " + WEIGHTS + ")");
        }
        PeftAdapterConfig config;
        try {
            config = PeftAdapterConfig.parse(Files.readString(cfgFile), cfgFile.toString());
        } catch (IOException e) {
            throw new AdapterException("adapter '" + id + "': " + cfgFile + ": cannot read: " + e.getMessage(), e);
        }
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            LoraLayout.check(id, f, config, base);
        } catch (ModelFormatException e) {
            throw new AdapterException("adapter '" + id + "': " + e.getMessage(), e);
        }
        AdapterInfo info = new AdapterInfo(id, folder, config, residentBytes(config, base));
        synchronized (this) {
            if (registered.containsKey(id)) {
                throw new IllegalArgumentException("adapter id '" + id + "' is already registered (for "
                        + registered.get(id).info.folder() + ")");
            }
            registered.put(id, new Entry(info));
        }
        return info;
    }

    /** Bytes an adapter holds once resident: {@code 4·r·(in + out)} per layer and target. */
    static long residentBytes(PeftAdapterConfig config, LlamaConfig base) {
        long perLayer = 0;
        for (LoraTarget t : config.lora().targets()) {
            int[] outIn = LoraLayout.outIn(LoraLayout.projection(t), base);
            perLayer += 4L * config.lora().rank() * (outIn[0] + outIn[1]);
        }
        return perLayer * base.layers();
    }

    /** Forgets an adapter (evicting it); refused while it is pinned or leased. */
    public synchronized void unregister(String id) {
        Entry e = entry(id);
        if (e.pinned || e.leases > 0 || e.loading != null) {
            throw new IllegalStateException("adapter '" + id + "' is " + (e.pinned ? "pinned" : "in use") + "; cannot unregister it");
        }
        if (e.weights != null) {
            evictLocked(e);
        }
        registered.remove(id);
    }

    public synchronized List<AdapterInfo> registered() {
        return registered.values().stream().map(e -> e.info).sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    public synchronized AdapterInfo info(String id) {
        return entry(id).info;
    }

    public synchronized boolean isRegistered(String id) {
        return registered.containsKey(id);
    }

    public synchronized boolean isResident(String id) {
        Entry e = registered.get(id);
        return e != null && e.weights != null;
    }

    public synchronized boolean isPinned(String id) {
        return entry(id).pinned;
    }

    /** Resident adapter ids, least recently used first (the next to be evicted first). */
    public synchronized List<String> residentIds() {
        return List.copyOf(resident.keySet());
    }

    /** The adapter, loading it now if it is not resident (evicting least recently used ones to make room). */
    public AdapterLease acquire(String id) {
        return acquire(id, true);
    }

    private AdapterLease acquire(String id, boolean count) {
        Entry e;
        CompletableFuture<LoraWeights> pending;
        boolean loadHere = false;
        synchronized (this) {
            e = entry(id);
            if (e.weights != null) {
                resident.get(id);
                if (count) {
                    hits++;
                }
                e.leases++;
                return new AdapterLease(this, e, e.weights);
            }
            if (e.loading == null) {
                reserveLocked(e);
                e.loading = new CompletableFuture<>();
                loadHere = true;
                if (count) {
                    misses++;
                }
            } else if (count) {
                hits++;
            }
            pending = e.loading;
            e.leases++;
        }
        if (loadHere) {
            load(e, pending);
        }
        try {
            return new AdapterLease(this, e, pending.join());
        } catch (CompletionException ex) {
            release(e);
            throw ex.getCause() instanceof RuntimeException r ? r : ex;
        }
    }

    private void load(Entry e, CompletableFuture<LoraWeights> done) {
        LoraWeights w;
        try {
            w = LoraWeights.load(e.info.id(), e.info.folder().resolve(WEIGHTS), e.info.config(), base);
        } catch (RuntimeException ex) {
            synchronized (this) {
                reservedBytes -= e.info.bytes();
                e.loading = null;
            }
            done.completeExceptionally(ex);
            return;
        }
        synchronized (this) {
            reservedBytes -= e.info.bytes();
            e.loading = null;
            e.weights = w;
            resident.put(e.info.id(), e);
            residentBytes += w.bytes();
            loads++;
        }
        done.complete(w);
    }

    /** Makes room for {@code e} by evicting unpinned, unleased adapters, least recently used first. */
    private void reserveLocked(Entry e) {
        long need = e.info.bytes();
        if (need > budgetBytes) {
            throw new AdapterException("adapter '" + e.info.id() + "' needs " + need + " bytes, more than the whole adapter budget of "
                    + budgetBytes);
        }
        while (residentBytes + reservedBytes + need > budgetBytes) {
            Entry victim = null;
            for (Entry r : resident.values()) {
                if (!r.pinned && r.leases == 0) {
                    victim = r;
                    break;
                }
            }
            if (victim == null) {
                throw new AdapterException("cannot load adapter '" + e.info.id() + "' (" + need + " bytes): the adapter budget of "
                        + budgetBytes + " bytes is held by pinned or in-use adapters " + resident.keySet()
                        + (reservedBytes > 0 ? " and loads in progress" : ""));
            }
            evictLocked(victim);
        }
        reservedBytes += need;
    }

    private void evictLocked(Entry e) {
        resident.remove(e.info.id());
        residentBytes -= e.weights.bytes();
        e.weights.close();
        e.weights = null;
        evictions++;
    }

    synchronized void release(Entry e) {
        e.leases--;
    }

    /** Loads the adapter if needed and keeps it resident until {@link #unpin}. */
    public void pin(String id) {
        try (AdapterLease lease = acquire(id, false)) {
            synchronized (this) {
                entry(id).pinned = true;
            }
        }
    }

    public synchronized void unpin(String id) {
        entry(id).pinned = false;
    }

    /** Drops a resident adapter now; false when it is not resident, pinned or in use. */
    public synchronized boolean evict(String id) {
        Entry e = entry(id);
        if (e.weights == null || e.pinned || e.leases > 0) {
            return false;
        }
        evictLocked(e);
        return true;
    }

    /** Loads the adapter in the background (e.g. when a user hovers it); the future fails with the reason. */
    public CompletableFuture<Void> prefetch(String id) {
        synchronized (this) {
            entry(id);
        }
        return CompletableFuture.runAsync(() -> acquire(id, false).close(), prefetcher);
    }

    public synchronized AdapterPoolStats stats() {
        int pinned = 0;
        for (Entry e : registered.values()) {
            if (e.pinned) {
                pinned++;
            }
        }
        return new AdapterPoolStats(registered.size(), resident.size(), pinned, residentBytes, budgetBytes, hits, misses,
                loads, evictions);
    }

    private Entry entry(String id) {
        Entry e = registered.get(id);
        if (e == null) {
            throw new AdapterException("no adapter '" + id + "' is registered (" + registered.size() + " are)");
        }
        return e;
    }

    /** Stops prefetching and unmaps every resident adapter; leases must be closed first. */
    @Override
    public void close() {
        prefetcher.shutdownNow();
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(resident.values());
            for (Entry e : all) {
                evictLocked(e);
            }
        }
    }
}
