package dev.modelfactory.engine.bench;

import ai.djl.ndarray.NDManager;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.llama.DjlTrainLlama;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * One LoRA training step (forward + backward, no optimiser) of this engine against the identical step in DJL
 * PyTorch (same random stories15M-shaped model, same batch, rank, targets; PyTorch intra-op threads = ours):
 * <pre>gpu-engine/bench TrainBench [THREADS [VOCAB [TARGETS]]]   e.g. TrainBench 2 32000 q,v</pre>
 * The batch is B = 4 rows of T = 256 tokens, each row two packed samples of 128 tokens whose first 32
 * (the prompt) carry no loss. Rounds alternate engine and PyTorch; each figure is the best step over all
 * rounds (wall time) with the median beside it, in tokens/s = B·T / step time. Beside them, the median CPU time
 * of the whole process per step: on a machine shared with other work, wall time mostly measures the scheduler
 * (each thread hand-off waits for a time slice), while CPU time still measures the work each side does.
 *
 * <p>On a shared machine run it with {@code OMP_WAIT_POLICY=PASSIVE} in the environment: libtorch's OpenMP
 * threads otherwise spin while they wait, and on oversubscribed cores that made PyTorch's small ops 10-40x
 * slower here (an unfair figure). The header prints the policy in force.
 *
 * <p>Memory, measured per step beyond the loaded model: PyTorch's is the rise of the process's peak resident
 * set (VmHWM, reset through /proc/self/clear_refs) over the resident set before its first step (later steps reuse
 * what the native allocator kept, so their rise understates the live peak; it is printed too); the engine's is the
 * peak of the Java heap pools during the step over the heap in use after a GC before it (an upper bound of
 * what is live: garbage not yet collected counts), with the bytes allocated by the step beside it.
 */
public final class TrainBench {

    private TrainBench() {
    }

    public static void main(String[] args) throws IOException {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 32000;
        Set<LoraTarget> targets = Arrays.stream((args.length > 2 ? args[2] : "q,v").split(","))
                .map(LoraTarget::parse).collect(Collectors.toSet());
        int rounds = Integer.getInteger("bench.rounds", 5);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.offline", "true");
        LlamaConfig c = LlamaConfig.builder().dim(288).hiddenDim(768).layers(6).heads(6).kvHeads(6).vocabSize(vocab)
                .maxSeqLen(256).build();
        LoraConfig lora = new LoraConfig(targets, 8, 16f, 0f, false);
        InMemoryWeights w = RandomWeights.create(c, 1);
        TrainingBatch batch = batch(4, 256, vocab);
        System.out.printf(Locale.ROOT, "model dim %d, %d layers, %d heads, hidden %d, vocab %d; batch %d x %d; LoRA r=%d on %s;"
                + " %d threads; java %s; OMP_WAIT_POLICY=%s; %d cpus, load average %.1f%n", c.dim(), c.layers(), c.heads(),
                c.hiddenDim(), vocab, batch.batch(), batch.seqLen(), lora.rank(), targets, threads, Runtime.version(),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "(unset)"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (TrainableLlama ours = TrainableLlama.builder(c, w).lora(lora).seed(1).threads(threads).build();
                NDManager nd = NDManager.newBaseManager("PyTorch")) {
            Map<String, float[]> adapters = new LinkedHashMap<>();
            SplittableRandom r = new SplittableRandom(2);
            for (Parameter p : ours.parameters()) {
                if (p.name().contains("lora_B")) {
                    for (int i = 0; i < p.size(); i++) {
                        p.value()[i] = (float) (r.nextDouble() * 0.02 - 0.01);
                    }
                }
                adapters.put(p.name(), p.value().clone());
            }
            DjlTrainLlama torch = new DjlTrainLlama(nd, c, w, lora, adapters);
            Runnable oursStep = () -> ours.forwardBackward(batch, 0);
            Runnable torchStep = () -> torch.step(batch, false);
            double lossOurs = ours.forwardBackward(batch, 0);
            double[] lossTorch = new double[1];
            long rssFirst = rssPeak(() -> lossTorch[0] = torch.step(batch, false).loss());
            System.out.printf(Locale.ROOT, "loss: engine %.6f, pytorch %.6f%n", lossOurs, lossTorch[0]);
            long heap = heapPeak(oursStep);
            long allocated = allocated(oursStep);
            long rss = rssPeak(torchStep);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> cpuA = new ArrayList<>();
            List<Double> cpuB = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long c0 = processCpuNanos();
                a.add(seconds(oursStep));
                long c1 = processCpuNanos();
                b.add(seconds(torchStep));
                cpuA.add((c1 - c0) / 1e9);
                cpuB.add((processCpuNanos() - c1) / 1e9);
            }
            int tokens = batch.batch() * batch.seqLen();
            double oursBest = tokens / min(a);
            double torchBest = tokens / min(b);
            System.out.printf(Locale.ROOT, "%-8s %12s %12s %14s %18s%n", "", "best tok/s", "median tok/s",
                    "CPU s/step", "step memory");
            System.out.printf(Locale.ROOT, "%-8s %12.0f %12.0f %14.3f %10.1f MB heap peak (%.1f MB allocated)%n",
                    "engine", oursBest, tokens / median(a), median(cpuA), heap / 1e6, allocated / 1e6);
            System.out.printf(Locale.ROOT, "%-8s %12.0f %12.0f %14.3f %10.1f MB RSS peak, first step (%.1f MB on a warm"
                    + " step, allocator caches reused)%n", "pytorch", torchBest, tokens / median(b), median(cpuB), rssFirst / 1e6,
                    rss / 1e6);
            System.out.printf(Locale.ROOT, "engine / pytorch: %.2fx (best wall), %.2fx (median wall), %.2fx (median CPU"
                    + " time per step, the load-robust figure)%n", oursBest / torchBest, median(b) / median(a),
                    median(cpuB) / median(cpuA));
        }
    }

    /** Rows of two packed 128-token samples, the first 32 tokens of each a prompt without loss. */
    static TrainingBatch batch(int rows, int seqLen, int vocab) {
        int n = rows * seqLen;
        int[] tokens = new int[n];
        int[] targets = new int[n];
        int[] positions = new int[n];
        int[] segments = new int[n];
        SplittableRandom r = new SplittableRandom(3);
        int sample = seqLen / 2;
        for (int i = 0; i < n; i++) {
            tokens[i] = r.nextInt(vocab);
            positions[i] = i % sample;
            segments[i] = (i % seqLen) / sample;
        }
        for (int i = 0; i < n; i++) {
            boolean prompt = positions[i] < 32;
            boolean last = positions[i] == sample - 1;
            targets[i] = prompt || last ? TrainingBatch.IGNORE : tokens[i + 1];
        }
        return new TrainingBatch(rows, seqLen, tokens, targets, positions, segments);
    }

    /** CPU time of the whole process (all threads: ours, libtorch's, GC and JIT). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(Runnable step) {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double min(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double median(List<Double> x) {
        double[] s = x.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }

    private static long heapPeak(Runnable step) {
        System.gc();
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        step.run();
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return peak - before;
    }

    private static long allocated(Runnable step) {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = t.getAllThreadIds();
        long before = Arrays.stream(t.getThreadAllocatedBytes(ids)).filter(v -> v > 0).sum();
        step.run();
        long after = Arrays.stream(t.getThreadAllocatedBytes(ids)).filter(v -> v > 0).sum();
        return after - before;
    }

    private static long rssPeak(Runnable step) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        System.gc();
        Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        long before = kb(status, "VmRSS:");
        step.run();
        return (kb(status, "VmHWM:") - before) * 1024;
    }

    private static long kb(Path status, String field) throws IOException {
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(field + " not in " + status);
    }
}
