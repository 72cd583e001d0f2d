package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What per-example losses cost a training step: a stories15M-shaped LoRA model (dim 288, 6 layers, vocab
 * 32000), packed batches of B = 4 rows of T = 256 (examples of 64-128 tokens), rounds alternating the plain
 * step and the step with per-token losses summed per example; prints the median of each.
 * <pre>java ... dev.modelfactory.engine.train.loop.ExampleLossBench [THREADS [ROUNDS]]</pre>
 */
public final class ExampleLossBench {

    private ExampleLossBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        LlamaConfig c = LlamaConfig.builder().dim(288).hiddenDim(768).layers(6).heads(6).kvHeads(6).vocabSize(32000)
                .maxSeqLen(256).build();
        LoraConfig lora = new LoraConfig(EnumSet.of(LoraTarget.Q, LoraTarget.V), 8, 16f, 0f, false);
        SplittableRandom r = new SplittableRandom(1);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int n = 64 + r.nextInt(65);
            int[] tokens = new int[n];
            boolean[] response = new boolean[n];
            for (int j = 0; j < n; j++) {
                tokens[j] = r.nextInt(32000);
                response[j] = j >= n / 4;
            }
            examples.add(new TrainingExample(tokens, response));
        }
        BatchStream stream = new BatchStream(examples, 4, 256, true, true, 3, 0);
        try (TrainableLlama m = TrainableLlama.builder(c, RandomWeights.create(c, 2)).lora(lora).threads(threads)
                .build()) {
            double[] plain = new double[rounds];
            double[] tracked = new double[rounds];
            for (int i = -1; i < rounds; i++) { // round -1 warms up
                TrainingBatch b = stream.next();
                int[][] rows = stream.lastRows();
                m.parameters().forEach(Parameter::zeroGrad);
                long t0 = System.nanoTime();
                m.forwardBackward(b, 7);
                long t1 = System.nanoTime();
                m.parameters().forEach(Parameter::zeroGrad);
                double[] tokenLosses = new double[b.batch() * b.seqLen()];
                m.forwardBackward(b, 7, tokenLosses);
                ExampleLosses.Builder per = new ExampleLosses.Builder();
                per.add(b, rows, tokenLosses);
                per.build();
                long t2 = System.nanoTime();
                if (i >= 0) {
                    plain[i] = (t1 - t0) / 1e6;
                    tracked[i] = (t2 - t1) / 1e6;
                }
            }
            Arrays.sort(plain);
            Arrays.sort(tracked);
            System.out.printf(Locale.ROOT, "threads %d, %d rounds: plain step median %.1f ms, with per-example"
                    + " losses %.1f ms (%+.1f %%)%n", threads, rounds, plain[rounds / 2], tracked[rounds / 2],
                    100 * (tracked[rounds / 2] / plain[rounds / 2] - 1));
        }
    }
}
