package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalModel;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalRunner;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufModelSpecs;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.loader.LlamaConfigs;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.ServeFixtures;
import dev.modelfactory.engine.tokenizer.GgufTokenizers;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Evaluation throughput: the base plus 4 adapters in one job (the GGUF opened and the base loaded once,
 * adapters hot-swapped, generations of all systems batched together) against 5 separate runs that each
 * open the model from the GGUF file and evaluate one system, on the same items, in the same process,
 * alternating, ROUNDS times. The model is a generated ~30M-parameter Llama (dim 512, 8 layers, FFN 1376,
 * vocab 4096, F32 GGUF of ~120 MB, opened as the app opens models: dequantised on read); adapters are
 * rank 8 on all seven projections. The suite: 16 generation items (16 new tokens, greedy), 16 loss items,
 * 8 multiple-choice items with 3 choices. Wall-clock time and the process's CPU time (all its threads:
 * less inflated by other processes on a shared machine); both paths' outputs are compared.
 * <pre>gpu-engine/bench EvalBench [THREADS] [FOLDER]</pre>
 */
public final class EvalBench {

    private static final int ROUNDS = 2;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private static final int MAX_BATCH = 32;
    private static final Decoding DECODING = Decoding.greedy(16);

    private EvalBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = args.length > 1 ? Files.createDirectories(Path.of(args[1])) : Files.createTempDirectory("eval-bench");
        LlamaConfig c = LlamaConfig.builder().dim(512).hiddenDim(1376).layers(Integer.getInteger("eval.bench.layers", 8)).heads(8).kvHeads(8).vocabSize(4096)
                .maxSeqLen(256).build();
        Path gguf = dir.resolve("model.gguf");
        LlamaGguf.write(gguf, c, RandomWeights.create(c, 1), GgmlType.F32, LlamaGguf.vocabulary(c.vocabSize()),
                "eval-bench", ChatFormat.CHATML, -1);
        List<EvalSystem> systems = new ArrayList<>();
        systems.add(EvalSystem.base("base"));
        for (int i = 0; i < 4; i++) {
            systems.add(EvalSystem.adapter("a" + i, ServeFixtures.saved(dir, "adapter-" + i, c, ServeFixtures.all(), 8,
                    100 + i)));
        }
        EvalSuite suite = suite();
        int items = suite.itemCount() * systems.size();
        System.out.printf(Locale.ROOT, "model: %.1fM parameters, GGUF %.1f MB; %d systems x %d items = %d item"
                + " evaluations; cpu backend, %d threads, max batch %d%n", c.parameterCount() / 1e6,
                Files.size(gguf) / 1e6, systems.size(), suite.itemCount(), items, threads, MAX_BATCH);
        try (Backend be = new CpuBackend(threads)) {
            long w0 = System.nanoTime();
            run(gguf, be, suite, systems); // warm-up: JIT, page cache
            System.out.printf(Locale.ROOT, "warm-up (one job, not counted): %.2f s%n", (System.nanoTime() - w0) / 1e9);
            for (int round = 1; round <= ROUNDS; round++) {
                // alternate which path goes first, so neither always runs on a warmer machine
                boolean oneFirst = round % 2 == 1;
                double[] sep = null;
                List<ItemOutcome> separate = new ArrayList<>();
                if (!oneFirst) {
                    sep = separately(gguf, be, suite, systems, separate);
                }
                long t0 = System.nanoTime();
                long c0 = OS.getProcessCpuTime();
                EvalResult one = run(gguf, be, suite, systems);
                double oneS = (System.nanoTime() - t0) / 1e9;
                double oneCpu = (OS.getProcessCpuTime() - c0) / 1e9;
                if (oneFirst) {
                    sep = separately(gguf, be, suite, systems, separate);
                }
                System.out.printf(Locale.ROOT, "round %d (%s first): one job %.2f s wall (%.2f items/s), %.2f s CPU"
                        + " (%.2f items per CPU s); 5 separate runs %.2f s wall (%.2f items/s), %.2f s CPU (%.2f items"
                        + " per CPU s); one job %.2fx as fast by wall, %.2fx by CPU; %s; load average %.2f%n", round,
                        oneFirst ? "one job" : "separate", oneS, items / oneS, oneCpu, items / oneCpu, sep[0],
                        items / sep[0], sep[1], items / sep[1], sep[0] / oneS, sep[1] / oneCpu,
                        agreement(one.outcomes(), separate), OS.getSystemLoadAverage());
                // what each separate run pays before its first item: open the GGUF, tokenizer, adapter, load
                EvalSuite empty = new EvalSuite("empty", 1, "", List.of());
                long f0 = System.nanoTime();
                long fc0 = OS.getProcessCpuTime();
                for (EvalSystem s : systems) {
                    run(gguf, be, empty, List.of(s));
                }
                System.out.printf(Locale.ROOT, "  fixed cost per run (open, tokenizer, adapter, model load; no items):"
                        + " %.2f s wall, %.2f s CPU on average%n", (System.nanoTime() - f0) / 1e9 / systems.size(),
                        (OS.getProcessCpuTime() - fc0) / 1e9 / systems.size());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Opens the GGUF as the app does and evaluates {@code systems} in one job. */
    private static EvalResult run(Path gguf, Backend be, EvalSuite suite, List<EvalSystem> systems) {
        try (GgufFile f = GgufFile.open(gguf)) {
            ModelSpec spec = GgufModelSpecs.from(f);
            LlamaConfig c = LlamaConfigs.from(spec, gguf.toString(), 256);
            ChatTemplate template = ChatTemplate.fromGguf(f).orElseThrow();
            EvalModel m = new EvalModel("eval-bench", c, new GgufWeightView(f), GgufTokenizers.from(f), template);
            return EvalRunner.builder(m, be).maxBatch(MAX_BATCH).build()
                    .run(suite, systems, DECODING, EvalListener.NONE, () -> false);
        }
    }

    /** Wall and process CPU seconds of one run per system, each opening the GGUF. */
    private static double[] separately(Path gguf, Backend be, EvalSuite suite, List<EvalSystem> systems,
            List<ItemOutcome> into) {
        long t0 = System.nanoTime();
        long c0 = OS.getProcessCpuTime();
        for (EvalSystem s : systems) {
            into.addAll(run(gguf, be, suite, List.of(s)).outcomes());
        }
        return new double[] {(System.nanoTime() - t0) / 1e9, (OS.getProcessCpuTime() - c0) / 1e9};
    }

    /**
     * How far the two paths agree: the cpu backend's vector reductions may round differently once the JIT
     * has compiled them, so outputs are compared exactly and losses within a tolerance.
     */
    private static String agreement(List<ItemOutcome> one, List<ItemOutcome> separate) {
        List<ItemOutcome> a = sorted(one);
        List<ItemOutcome> b = sorted(separate);
        int sameOutput = 0;
        double lossDiff = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).output().equals(b.get(i).output())) {
                sameOutput++;
            }
            if (a.get(i).scores().containsKey(Metric.LOSS)) {
                lossDiff = Math.max(lossDiff, Math.abs(a.get(i).score(Metric.LOSS) - b.get(i).score(Metric.LOSS)));
            }
        }
        return String.format(Locale.ROOT, "outputs equal %d/%d, max loss difference %.1e", sameOutput, a.size(),
                lossDiff);
    }

    private static List<ItemOutcome> sorted(List<ItemOutcome> o) {
        return o.stream().sorted(Comparator.comparing(ItemOutcome::system).thenComparing(ItemOutcome::task)
                .thenComparing(ItemOutcome::itemId)).toList();
    }

    private static EvalSuite suite() {
        String[] words = {"red", "green", "blue", "black", "white", "pink", "grey", "gold"};
        List<EvalItem> gen = new ArrayList<>();
        List<EvalItem> loss = new ArrayList<>();
        List<EvalItem> mc = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String w = words[i % 8];
            gen.add(EvalItem.of("g" + i, "Write a short line about the colour " + w + " and the number " + i + ".",
                    "The colour " + w + " is number " + i + "."));
            loss.add(EvalItem.of("l" + i, "Describe item " + i + " in one sentence.", "Item " + i + " is " + w
                    + " and sits next to the " + words[(i + 3) % 8] + " one on the shelf."));
            if (i < 8) {
                mc.add(new EvalItem("m" + i, List.of(new ChatTemplate.Message("user", "Which colour is item " + i
                        + "?")), w, List.of(w, words[(i + 1) % 8], words[(i + 2) % 8]), 0, List.of(), ""));
            }
        }
        return new EvalSuite("bench", 1, "", List.of(
                new EvalTask("gen", TaskKind.GENERATION, List.of(Metric.EXACT_MATCH, Metric.TOKEN_F1, Metric.ROUGE_L,
                        Metric.BLEU), null, null, gen),
                new EvalTask("loss", TaskKind.LOSS, List.of(Metric.LOSS), null, null, loss),
                new EvalTask("mc", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null, mc)));
    }
}
