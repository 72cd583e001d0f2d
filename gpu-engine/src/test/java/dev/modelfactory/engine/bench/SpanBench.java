package dev.modelfactory.engine.bench;

import dev.modelfactory.engine.attribution.spans.SpanCorpus;
import dev.modelfactory.engine.attribution.spans.SpanIndex;
import dev.modelfactory.engine.attribution.spans.SpanIndexFile;
import dev.modelfactory.engine.attribution.spans.SpanMatch;
import dev.modelfactory.engine.attribution.spans.SpanQuery;
import dev.modelfactory.engine.attribution.spans.SuffixArrays;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Span index cost on a generated corpus: documents of 20..400 tokens drawn from a Zipf(1.1) distribution
 * over a 32,000-token vocabulary, where one document in five copies a passage of 30..120 tokens from an
 * earlier one (so long repeats exist, as in real datasets). For each size (in millions of tokens, default
 * 1 and 5): SA-IS build time (wall and the building thread's CPU time, best of 3), the bytes the build
 * allocates, write and open (checksum + structure check) times, the file size, then the time of
 * 200-token queries (half copied from the corpus with a few tokens changed, half drawn afresh; p50 and
 * p99 over 500 queries, minimum span 4 tokens).
 * <pre>gpu-engine/bench SpanBench [MILLIONS...]</pre>
 */
public final class SpanBench {

    private static final int VOCAB = 32_000;
    private static final int ROUNDS = 3;
    private static final int QUERIES = 500;
    private static final int QUERY_TOKENS = 200;

    private SpanBench() {
    }

    public static void main(String[] args) throws Exception {
        double[] sizes = args.length == 0 ? new double[] {1, 5} : Arrays.stream(args).mapToDouble(Double::parseDouble).toArray();
        System.out.printf(Locale.ROOT, "java %s, %d cores visible, max heap %d MiB%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        Path dir = Files.createTempDirectory("spanbench");
        try {
            for (double m : sizes) {
                run((int) (m * 1_000_000), dir.resolve("bench.sa"));
            }
        } finally {
            Files.deleteIfExists(dir.resolve("bench.sa"));
            Files.deleteIfExists(dir);
        }
    }

    static void run(int tokens, Path file) {
        Random r = new Random(tokens);
        double[] cdf = zipf(VOCAB, 1.1);
        SpanCorpus corpus = corpus(r, cdf, tokens);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long bestWall = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        long allocated = 0;
        int[] sa = null;
        for (int round = 0; round < ROUNDS; round++) {
            sa = null;
            System.gc();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            sa = SuffixArrays.build(corpus.text());
            bestWall = Math.min(bestWall, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, threads.getCurrentThreadCpuTime() - c0);
            allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        }
        long t0 = System.nanoTime();
        SpanIndexFile.write(file, corpus, sa);
        long write = System.nanoTime() - t0;
        t0 = System.nanoTime();
        try (SpanIndex idx = SpanIndexFile.open(file)) {
            long open = System.nanoTime() - t0;
            long[] times = new long[QUERIES];
            long spans = 0;
            long matched = 0;
            for (int q = 0; q < QUERIES; q++) {
                int[] query = q % 2 == 0 ? copied(r, corpus.text()) : fresh(r, cdf);
                long s = System.nanoTime();
                List<SpanMatch> found = idx.spans(query, SpanQuery.defaults());
                times[q] = System.nanoTime() - s;
                spans += found.size();
                matched += found.stream().mapToInt(SpanMatch::length).sum();
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "RESULT tokens=%d documents=%d build_wall_s=%.2f build_cpu_s=%.2f"
                    + " build_alloc_MiB=%d (%.1f B/token) write_s=%.2f open_s=%.3f file_MiB=%d"
                    + " query_p50_ms=%.2f query_p99_ms=%.2f spans_per_query=%.1f matched_tokens_per_span=%.1f%n",
                    corpus.tokenCount(), corpus.documentCount(), bestWall / 1e9, bestCpu / 1e9, allocated >> 20,
                    (double) allocated / corpus.text().length, write / 1e9, open / 1e9, Files.size(file) >> 20,
                    times[QUERIES / 2] / 1e6, times[QUERIES * 99 / 100] / 1e6, (double) spans / QUERIES,
                    spans == 0 ? 0.0 : (double) matched / spans);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static SpanCorpus corpus(Random r, double[] cdf, int tokens) {
        SpanCorpus.Builder b = new SpanCorpus.Builder();
        int[] recent = new int[0];
        long total = 0;
        for (int doc = 0; total < tokens; doc++) {
            int len = (int) Math.min(tokens - total, 20 + r.nextInt(381));
            int[] d = new int[len];
            for (int i = 0; i < len; i++) {
                d[i] = draw(r, cdf);
            }
            if (doc % 5 == 4 && recent.length > 150) {
                int copy = Math.min(len, 30 + r.nextInt(91));
                int from = r.nextInt(recent.length - copy);
                System.arraycopy(recent, from, d, r.nextInt(len - copy + 1), copy);
            }
            recent = d.length > 150 ? d : recent;
            b.add(doc / 2, d); // two messages per row
            total += len;
        }
        return b.build();
    }

    static int[] copied(Random r, int[] text) {
        int[] q = new int[QUERY_TOKENS];
        int from = r.nextInt(text.length - QUERY_TOKENS);
        for (int i = 0; i < q.length; i++) {
            int t = text[from + i];
            q[i] = t < 0 || r.nextInt(25) == 0 ? r.nextInt(VOCAB) : t; // separators and a few tokens replaced
        }
        return q;
    }

    static int[] fresh(Random r, double[] cdf) {
        int[] q = new int[QUERY_TOKENS];
        for (int i = 0; i < q.length; i++) {
            q[i] = draw(r, cdf);
        }
        return q;
    }

    static double[] zipf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, s);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    static int draw(Random r, double[] cdf) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return Math.min(cdf.length - 1, i < 0 ? -i - 1 : i);
    }
}
