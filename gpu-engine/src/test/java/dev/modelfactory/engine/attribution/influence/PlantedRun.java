package dev.modelfactory.engine.attribution.influence;

import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.checkpoint.Checkpoint;
import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingResult;
import dev.modelfactory.engine.train.optim.LrSchedule;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated fact data, a tiny Llama trained on it with LoRA, and its rows sketched at every kept checkpoint:
 * the fixture of the planted-contributor and mislabeled-row measurements (unit test and AttributionBench).
 *
 * <p>A row is {@code [BOS, phrasing, subject, answer, EOS]} with the answer and EOS as the response.
 * Planted rows: {@code facts} subjects, each with its own answer, {@code rowsPerFact} rows each (phrasings
 * vary), all from contributor "planted". Distractors: other subjects with answers drawn from the same answer
 * tokens, same format, {@code distractorRows} rows per distractor contributor. A fact's query is its prompt
 * {@code [BOS, phrasing 0, subject]} with output {@code [answer, EOS]}.
 */
public final class PlantedRun {

    static final int BOS = 1;
    static final int EOS = 2;
    static final int PHRASINGS = 3;
    static final int FIRST_SUBJECT = 10;
    static final int SUBJECTS = 120;
    static final int FIRST_ANSWER = FIRST_SUBJECT + SUBJECTS;
    static final int ANSWERS = 24;
    static final int VOCAB = FIRST_ANSWER + ANSWERS;
    public static final String PLANTED = "planted";

    public static final LlamaConfig MODEL = LlamaConfig.builder().dim(48).hiddenDim(96).layers(2).heads(4).kvHeads(2)
            .vocabSize(VOCAB).maxSeqLen(8).build();
    public static final LoraConfig LORA = new LoraConfig(EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 8,
            2f * 8, 0f, false);

    /** A training row: its example, contributor, subject and answer token, and whether its answer was flipped. */
    public record Row(TrainingExample example, String contributor, int subject, int answer, boolean flipped) {
    }

    /** A trained and sketched run. */
    public record Trained(List<Row> rows, SketchSet sketches, ExampleGradients gradients, TrainableLlama model,
            List<Checkpoint> checkpoints, double trainSeconds, double sketchSeconds, double finalLoss)
            implements AutoCloseable {

        /** The query's sketches at every checkpoint. */
        public List<float[]> query(int subject, int answer) {
            return query(0, subject, answer);
        }

        /** The query in one of the phrasings. */
        public List<float[]> query(int phrasing, int subject, int answer) {
            TrainingExample q = ExampleGradients.query(new int[] {BOS, 3 + phrasing, subject}, new int[] {answer, EOS});
            List<float[]> out = new ArrayList<>();
            for (Checkpoint c : checkpoints) {
                load(model, c);
                out.add(gradients.sketch(q));
            }
            return out;
        }

        public List<String> contributors() {
            return rows.stream().map(Row::contributor).toList();
        }

        @Override
        public void close() {
            sketches.close();
            model.close();
        }
    }

    private PlantedRun() {
    }

    static TrainingExample example(int phrasing, int subject, int answer) {
        return new TrainingExample(new int[] {BOS, 3 + phrasing, subject, answer, EOS},
                new boolean[] {false, false, false, true, true});
    }

    /** Planted facts (subjects 0..facts-1) from "planted", distractor rows from "d1".."dN", shuffled. */
    public static List<Row> planted(int facts, int rowsPerFact, int distractors, int distractorRows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f < facts; f++) {
            int answer = FIRST_ANSWER + r.nextInt(ANSWERS);
            for (int k = 0; k < rowsPerFact; k++) {
                rows.add(new Row(example(k % PHRASINGS, FIRST_SUBJECT + f, answer), PLANTED, FIRST_SUBJECT + f, answer,
                        false));
            }
        }
        int subject = FIRST_SUBJECT + facts;
        for (int d = 1; d <= distractors; d++) {
            for (int k = 0; k < distractorRows; k += 2) {
                int answer = FIRST_ANSWER + r.nextInt(ANSWERS);
                for (int j = 0; j < 2 && k + j < distractorRows; j++) {
                    rows.add(new Row(example(j % PHRASINGS, subject, answer), "d" + d, subject, answer, false));
                }
                subject++;
            }
        }
        if (subject > FIRST_SUBJECT + SUBJECTS) {
            throw new IllegalArgumentException("too many subjects for the vocabulary");
        }
        return shuffle(rows, r);
    }

    /** {@code subjects} subjects with 3 rows each, a {@code flip} fraction of rows given a wrong answer. */
    public static List<Row> mislabeled(int subjects, double flip, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < subjects; s++) {
            int answer = FIRST_ANSWER + r.nextInt(ANSWERS);
            for (int k = 0; k < 3; k++) {
                rows.add(new Row(example(k, FIRST_SUBJECT + s, answer), "c" + (s % 4), FIRST_SUBJECT + s, answer, false));
            }
        }
        rows = shuffle(rows, r);
        int flips = (int) Math.round(flip * rows.size());
        for (int i = 0; i < flips; i++) {
            Row o = rows.get(i);
            int wrong = FIRST_ANSWER + (o.answer() - FIRST_ANSWER + 1 + r.nextInt(ANSWERS - 1)) % ANSWERS;
            int phrasing = o.example().tokens()[1] - 3;
            rows.set(i, new Row(example(phrasing, o.subject(), wrong), o.contributor(), o.subject(), o.answer(), true));
        }
        return shuffle(rows, r);
    }

    private static List<Row> shuffle(List<Row> rows, SplittableRandom r) {
        List<Row> out = new ArrayList<>(rows);
        for (int i = out.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Row t = out.get(i);
            out.set(i, out.get(j));
            out.set(j, t);
        }
        return out;
    }

    /**
     * Trains the tiny Llama on the rows (checkpoints in {@code dir}/checkpoints, the newest {@code keep} kept),
     * then sketches every row at each kept checkpoint into {@code dir}/influence with {@code dims} floats per row.
     */
    public static Trained train(List<Row> rows, Path dir, int epochs, int keep, int dims, int threads, long seed)
            throws InterruptedException {
        List<TrainingExample> examples = rows.stream().map(Row::example).toList();
        TrainingConfig.Builder cb = TrainingConfig.builder().learningRate(0.01).schedule(ScheduleKind.LINEAR)
                .warmupSteps(5).epochs(epochs).batchSize(8).gradAccum(1).seqLen(8).packing(false).seed(seed)
                .weightDecay(0.0).maxGradNorm(1.0).lora(LORA);
        int total = Trainer.totalSteps(cb.build(), new BatchStream(examples, 8, 8, false, true, seed, 0));
        TrainingConfig config = cb.checkpointEvery(Math.max(1, total / keep)).keepCheckpoints(keep).build();
        TrainableLlama model = TrainableLlama.builder(MODEL, base(seed)).lora(LORA).seed(seed)
                .threads(threads).build();
        long t0 = System.nanoTime();
        TrainingResult result = Trainer.builder().model(model).config(config).train(examples)
                .checkpoints(dir.resolve("checkpoints")).build().run();
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        if (result.outcome() != TrainingResult.Outcome.COMPLETED) {
            throw new IllegalStateException("training failed: " + result.message());
        }
        CheckpointStore store = new CheckpointStore(dir.resolve("checkpoints"), keep);
        List<Checkpoint> cps = store.list().reversed().stream().map(store::load).toList();
        LrSchedule schedule = new LrSchedule(config.schedule(), config.learningRate(), config.warmupSteps(), total);
        long t1 = System.nanoTime();
        SketchLayout layout = SketchLayout.of(model.parameters(), seed ^ 0x51, dims);
        ExampleGradients grads = new ExampleGradients(model, layout);
        Path sketches = dir.resolve("influence");
        List<SketchManifest.CheckpointSketch> done = new ArrayList<>();
        int previous = Math.max(0, cps.getFirst().step() - config.checkpointEvery());
        for (Checkpoint c : cps) {
            load(model, c);
            done.add(SketchStore.sketchCheckpoint(grads, examples, sketches, c.step(),
                    CheckpointRates.mean(schedule, previous, c.step()), i -> { }, () -> false));
            previous = c.step();
        }
        List<SketchManifest.Row> mrows = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            mrows.add(new SketchManifest.Row(i, "h" + i, rows.get(i).contributor()));
        }
        SketchStore.writeManifest(sketches, new SketchManifest(SketchManifest.FORMAT, "planted", layout, done, mrows));
        double sketchSeconds = (System.nanoTime() - t1) / 1e9;
        double finalLoss = result.metrics().getLast().loss();
        return new Trained(rows, SketchStore.open(sketches), grads, model, cps, trainSeconds, sketchSeconds, finalLoss);
    }

    /**
     * A random base whose output norm weights are 4 instead of about 1: a random head over normalised states
     * caps logit margins near 4, too low to state a fact confidently; a pretrained head has no such cap.
     */
    public static InMemoryWeights base(long seed) {
        InMemoryWeights w = RandomWeights.create(MODEL, seed);
        float[] norm = new float[MODEL.dim()];
        java.util.Arrays.fill(norm, 4f);
        w.put(WeightNames.OUTPUT_NORM, norm, MODEL.dim());
        return w;
    }

    static void load(TrainableLlama model, Checkpoint c) {
        for (Parameter p : model.parameters()) {
            System.arraycopy(c.parameters().get(p.name()).values(), 0, p.value(), 0, p.size());
        }
    }
}
