package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.attribution.influence.AttributionMeasures;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.engine.attribution.influence.InfluenceScorer;
import dev.modelfactory.engine.attribution.influence.PlantedRun;
import dev.modelfactory.engine.attribution.influence.SketchLayout;
import dev.modelfactory.engine.attribution.influence.SketchManifest;
import dev.modelfactory.engine.attribution.influence.SketchSet;
import dev.modelfactory.engine.attribution.influence.SketchStore;
import dev.modelfactory.engine.attribution.influence.SketchWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The gradient-influence figures of docs/benchmarks/attribution.md:
 * <pre>gpu-engine/bench AttributionBench [THREADS [QUERY_ROWS [EPOCHS]]]</pre>
 * 1. planted contributor: 20 invented facts taught only by "planted" (3 rows each), 4 distractor contributors
 *    with 40 rows each of the same format; a tiny Llama (2 layers, dim 48) trained with LoRA (q, v, down,
 *    rank 8); per fact query, is the planted contributor the top share? TracIn, DataInf, random, same run.
 * 2. mislabeled rows: 60 subjects x 3 rows, 10 % of rows with a wrong answer; rows ranked by summed influence
 *    on the 60 clean queries; AUC of the ranking (random 0.5).
 * 3. cost: sketching time (every row at every kept checkpoint) against the training time of the same run.
 * 4. query time over QUERY_ROWS (default 100,000) random rows of 2048 floats in 44 modules (a 22-layer model
 *    with q and v adapters), one checkpoint, from the mapped file; median of 5 after one warm-up.
 */
public final class AttributionBench {

    private AttributionBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("date: " + java.time.Instant.now() + "; args: " + String.join(" ", args));
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int queryRows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        System.out.printf(Locale.ROOT, "machine: %d cores, load %.2f; threads %d%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), threads);
        Path tmp = Files.createTempDirectory("attribution-bench");
        try {
            planted(tmp.resolve("planted"), threads, epochs);
            mislabeled(tmp.resolve("mislabeled"), threads, epochs);
            queryTime(tmp.resolve("query"), queryRows);
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void planted(Path dir, int threads, int epochs) throws Exception {
        List<PlantedRun.Row> rows = PlantedRun.planted(20, 3, 4, 40, 11);
        try (PlantedRun.Trained t = PlantedRun.train(rows, dir, epochs, 3, 2048, threads, 11)) {
            System.out.printf(Locale.ROOT, "planted: %d rows, %d facts, final training loss %.3f%n", rows.size(),
                    AttributionMeasures.facts(rows).size(), t.finalLoss());
            System.out.printf(Locale.ROOT, "planted top-contributor rate: tracin %.2f  datainf %.2f  random %.2f%n",
                    AttributionMeasures.plantedTopRate(t, InfluenceMethod.TRACIN, 0),
                    AttributionMeasures.plantedTopRate(t, InfluenceMethod.DATAINF, 0),
                    AttributionMeasures.plantedTopRate(t, null, 5));
            System.out.printf(Locale.ROOT, "cost: training %.2f s, sketching %d rows x %d checkpoints %.2f s = %.0f %%"
                    + " of training%n", t.trainSeconds(), rows.size(), t.checkpoints().size(), t.sketchSeconds(),
                    100 * t.sketchSeconds() / t.trainSeconds());
        }
    }

    private static void mislabeled(Path dir, int threads, int epochs) throws Exception {
        List<PlantedRun.Row> rows = PlantedRun.mislabeled(60, 0.10, 13);
        try (PlantedRun.Trained t = PlantedRun.train(rows, dir, epochs, 3, 2048, threads, 13)) {
            System.out.printf(Locale.ROOT, "mislabeled: %d rows (%d flipped), final training loss %.3f%n", rows.size(),
                    rows.stream().filter(PlantedRun.Row::flipped).count(), t.finalLoss());
            System.out.printf(Locale.ROOT, "mislabeled AUC: tracin %.3f  datainf %.3f  random %.3f%n",
                    AttributionMeasures.mislabelAuc(t, InfluenceMethod.TRACIN, 0),
                    AttributionMeasures.mislabelAuc(t, InfluenceMethod.DATAINF, 0),
                    AttributionMeasures.mislabelAuc(t, null, 5));
        }
    }

    private static void queryTime(Path dir, int rows) throws Exception {
        List<SketchLayout.Module> modules = new ArrayList<>();
        for (int m = 0; m < 44; m++) {
            modules.add(new SketchLayout.Module("m" + m, 1 << 16, m < 24 ? 47 : 46));
        }
        SketchLayout layout = new SketchLayout(1, modules);
        int dims = layout.totalDims();
        SplittableRandom r = new SplittableRandom(3);
        SketchManifest.CheckpointSketch cp;
        try (SketchWriter w = new SketchWriter(SketchStore.fileFor(dir, 100), rows, dims)) {
            float[] row = new float[dims];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < dims; j++) {
                    row[j] = (float) r.nextGaussian();
                }
                w.write(row);
            }
            cp = w.finish(100, 1e-4);
        }
        List<SketchManifest.Row> mrows = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            mrows.add(new SketchManifest.Row(i, "h" + i, "c" + (i % 50)));
        }
        SketchStore.writeManifest(dir, new SketchManifest(SketchManifest.FORMAT, "bench", layout, List.of(cp), mrows));
        long o0 = System.nanoTime();
        try (SketchSet set = SketchStore.open(dir)) {
            double open = (System.nanoTime() - o0) / 1e9;
            float[] q = new float[dims];
            for (int j = 0; j < dims; j++) {
                q[j] = (float) r.nextGaussian();
            }
            for (InfluenceMethod m : InfluenceMethod.values()) {
                double[] times = new double[6];
                for (int k = 0; k < times.length; k++) {
                    long t0 = System.nanoTime();
                    InfluenceScorer.scores(set, List.of(q), m);
                    times[k] = (System.nanoTime() - t0) / 1e9;
                }
                double[] kept = Arrays.copyOfRange(times, 1, times.length);
                Arrays.sort(kept);
                System.out.printf(Locale.ROOT, "query %s over %d rows x %d floats (%.0f MB mapped): median %.3f s"
                        + " (first %.3f s; open + CRC check %.2f s)%n", m.id(), rows, dims, rows * (double) dims * 4 / 1e6,
                        kept[kept.length / 2], times[0], open);
            }
        }
    }
}
