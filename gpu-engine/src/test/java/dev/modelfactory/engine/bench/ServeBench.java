package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.AdapterLease;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.AdapterPoolStats;
import dev.modelfactory.engine.serve.ServeFixtures;
import dev.modelfactory.engine.serve.lora.LoraBatchDelta;
import dev.modelfactory.engine.serve.lora.LoraWeights;
import dev.modelfactory.engine.serve.lora.MergedLora;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Serving figures on a generated ~110M-parameter Llama (dim 768, 12 layers, FFN 2048, vocab 32000, tied
 * output, fp32) with 32 random PEFT adapters of rank 16 on all seven projections (11.2 MB each): adapter
 * swap, cold load against reloading a merged model, batched decode throughput with 1/8/32 distinct
 * adapters in a batch of 32 against the same batch on one adapter, and registered/resident counts in a
 * 1 GB budget. The cpu backend runs on 1 thread and compute figures are timed by the thread's CPU time
 * (not inflated by other processes on a shared machine); I/O-bound figures are wall time.
 * <pre>gpu-engine/bench ServeBench [FOLDER]</pre>
 * The adapter folders are written under FOLDER (a temporary folder by default) and deleted at the end.
 */
public final class ServeBench {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int ADAPTERS = 32;
    private static final int REGISTERED = 1000;
    private static final int BATCH = 32;
    private static final int STEPS = 8;
    private static final int ROUNDS = 5;
    private static final int PROMPT = 8;

    private ServeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Files.createDirectories(Path.of(args[0])) : Files.createTempDirectory("serve-bench");
        LlamaConfig c = LlamaConfig.builder().dim(768).hiddenDim(2048).layers(12).heads(12).kvHeads(12).vocabSize(32000)
                .maxSeqLen(256).tiedOutput(true).build();
        System.out.printf(Locale.ROOT, "model: %.1fM parameters; adapters: %d x rank 16 on all projections%n",
                c.parameterCount() / 1e6, ADAPTERS);
        InMemoryWeights base = RandomWeights.create(c, 1);
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < ADAPTERS; i++) {
            Path f = dir.resolve("adapter-" + i);
            ServeFixtures.adapter(c, ServeFixtures.all(), 16, 100 + i).save(f);
            folders.add(f);
        }
        long fileBytes = Files.size(folders.getFirst().resolve("adapter_model.safetensors"));
        try (Backend be = new CpuBackend(1); LlamaModel model = LlamaModel.load(c, base, be);
                AdapterPool pool = new AdapterPool(c, 1L << 30)) {
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < REGISTERED; i++) {
                pool.register("id-" + i, folders.get(i % ADAPTERS));
            }
            double registerMs = (System.nanoTime() - t0) / 1e6;
            double registerCpuMs = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            System.out.printf(Locale.ROOT, "registered %d adapters in %.1f ms wall, %.1f ms CPU (%.3f ms CPU each;"
                    + " config + header only)%n", REGISTERED, registerMs, registerCpuMs, registerCpuMs / REGISTERED);

            coldLoad(pool, base, c, be, model, folders.getFirst(), fileBytes);
            swap(pool);
            throughput(pool, model, be, c);

            for (int i = 0; i < REGISTERED; i++) {
                pool.acquire("id-" + i).close();
            }
            AdapterPoolStats s = pool.stats();
            System.out.printf(Locale.ROOT, "after touching all %d: %s%n", REGISTERED, s);
            System.out.printf(Locale.ROOT, "| registered | resident in 1 GB | bytes resident | bytes per adapter | evictions |%n");
            System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d |%n", s.registered(), s.resident(), s.residentBytes(),
                    pool.info("id-0").bytes(), s.evictions());
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Cold load (file in the page cache) vs reading its bytes, merging in place, and reloading a merged model. */
    private static void coldLoad(AdapterPool pool, InMemoryWeights base, LlamaConfig c, Backend be, LlamaModel model,
            Path folder, long fileBytes) throws Exception {
        double[] load = new double[10];
        double[] read = new double[10];
        double[] loadCpu = new double[10];
        double[] readCpu = new double[10];
        for (int i = 0; i < load.length; i++) {
            String id = "id-" + (i % 4) * ADAPTERS;
            pool.evict(id);
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            pool.acquire(id).close();
            load[i] = (System.nanoTime() - t0) / 1e6;
            loadCpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            t0 = System.nanoTime();
            c0 = CPU.getCurrentThreadCpuTime();
            try (FileChannel ch = FileChannel.open(folder.resolve("adapter_model.safetensors"))) {
                ByteBuffer b = ByteBuffer.allocateDirect((int) ch.size());
                while (b.hasRemaining() && ch.read(b) >= 0) {
                    // read it all
                }
            }
            read[i] = (System.nanoTime() - t0) / 1e6;
            readCpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        double[] merge = new double[3];
        double[] reload = new double[3];
        double[] mergeCpu = new double[3];
        double[] reloadCpu = new double[3];
        for (int i = 0; i < merge.length; i++) {
            try (AdapterLease l = pool.acquire("id-0")) {
                long t0 = System.nanoTime();
                long c0 = CPU.getCurrentThreadCpuTime();
                MergedLora m = MergedLora.merge(model, base, l.weights());
                merge[i] = (System.nanoTime() - t0) / 1e6;
                mergeCpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
                m.close();
            }
            long t0 = System.nanoTime();
            long c0 = CPU.getCurrentThreadCpuTime();
            LlamaModel merged = LlamaModel.load(c, new MergedWeights(base, c, PeftAdapter.load(folder)), be);
            reload[i] = (System.nanoTime() - t0) / 1e6;
            reloadCpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
            merged.close();
        }
        System.out.printf(Locale.ROOT, "| cold load of a resident-able adapter (%.1f MB file, page cache warm) | read its bytes "
                + "| merge into the loaded base (in place, exact unmerge) | reload a merged model |%n", fileBytes / 1e6);
        System.out.printf(Locale.ROOT, "| wall: %s ms | %s ms | %s ms | %s ms |%n", stat(load), stat(read), stat(merge),
                stat(reload));
        System.out.printf(Locale.ROOT, "| CPU: %s ms | %s ms | %s ms | %s ms |%n", stat(loadCpu), stat(readCpu),
                stat(mergeCpu), stat(reloadCpu));
    }

    /** Acquire a resident adapter and release the other: what the scheduler does between two tokens. */
    private static void swap(AdapterPool pool) {
        pool.acquire("id-1").close();
        pool.acquire("id-2").close();
        int n = 20000;
        long[] ns = new long[n];
        AdapterLease held = pool.acquire("id-1");
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            AdapterLease next = pool.acquire(i % 2 == 0 ? "id-2" : "id-1");
            held.close();
            held = next;
            ns[i] = System.nanoTime() - t0;
        }
        held.close();
        Arrays.sort(ns);
        System.out.printf(Locale.ROOT, "swap between two resident adapters: median %.2f µs, p99 %.2f µs, max %.1f µs (%d swaps)%n",
                ns[n / 2] / 1e3, ns[n * 99 / 100] / 1e3, ns[n - 1] / 1e3, n);
    }

    /** Decode tokens/s of a batch of 32 on the base, one adapter, and 8 and 32 distinct adapters. */
    private static void throughput(AdapterPool pool, LlamaModel model, Backend be, LlamaConfig c) {
        List<AdapterLease> leases = new ArrayList<>();
        for (int i = 0; i < ADAPTERS; i++) {
            leases.add(pool.acquire("id-" + (3 + i)));
        }
        String[] names = {"base (no adapter)", "1 adapter", "8 distinct adapters", "32 distinct adapters"};
        int[] distinct = {0, 1, 8, 32};
        List<LlamaSession> sessions = new ArrayList<>();
        int[] prompt = new int[PROMPT];
        for (int i = 0; i < BATCH; i++) {
            LlamaSession s = model.newSession(PROMPT + STEPS);
            for (int j = 0; j < PROMPT; j++) {
                prompt[j] = (i * 31 + j * 7) % c.vocabSize();
            }
            s.append(prompt);
            sessions.add(s);
        }
        double[][] tps = new double[names.length][ROUNDS];
        int[] tokens = new int[BATCH];
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < names.length; k++) {
                List<LoraWeights> rows = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    rows.add(distinct[k] == 0 ? null : leases.get(i % distinct[k]).weights());
                }
                LoraBatchDelta delta = distinct[k] == 0 ? null : LoraBatchDelta.perRow(be, rows);
                sessions.forEach(s -> s.rewind(PROMPT));
                long cpu0 = CPU.getCurrentThreadCpuTime();
                for (int step = 0; step < STEPS; step++) {
                    for (int i = 0; i < BATCH; i++) {
                        tokens[i] = (i * 13 + step) % c.vocabSize();
                    }
                    model.decodeBatch(sessions, tokens, delta);
                }
                tps[k][round] = BATCH * STEPS / ((CPU.getCurrentThreadCpuTime() - cpu0) / 1e9);
            }
        }
        sessions.forEach(LlamaSession::close);
        leases.forEach(AdapterLease::close);
        double one = median(tps[1]);
        System.out.printf(Locale.ROOT, "| batch of %d, %d decode steps | tokens/s (median of %d, min-max) | vs one adapter |%n",
                BATCH, STEPS, ROUNDS);
        for (int k = 0; k < names.length; k++) {
            double[] t = tps[k].clone();
            Arrays.sort(t);
            System.out.printf(Locale.ROOT, "| %s | %.1f (%.1f-%.1f) | %.2fx |%n", names[k], median(tps[k]), t[0], t[t.length - 1],
                    median(tps[k]) / one);
        }
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String stat(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.2f (min %.2f)", median(x), s[0]);
    }
}
