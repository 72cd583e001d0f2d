package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.checkpoint.Checkpoint;
import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingConfigJson;
import dev.modelfactory.engine.train.optim.LrSchedule;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.ledger.store.run.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished LoRA run re-prepared as it trained: its recorded base model, dataset version and config, the
 * training examples encoded again (same encoder, same order) with, parallel to them, the {@link RowRef} and
 * conversation each came from, its learning-rate schedule and the checkpoints its folder kept. What
 * per-example analyses of a trained adapter (gradient influence) start from. Owns the open model files.
 *
 * <p>Rows are read as the store has them now: a row whose contributor has since withdrawn it from training
 * is no longer among the examples.
 */
public final class RunReplay implements AutoCloseable {

    private final RunRecord run;
    private final TrainingService.Prepared prepared;
    private final TrainingConfig config;
    private final Path folder;
    private final List<RowRef> rows;
    private final List<Conversation> conversations;

    private RunReplay(RunRecord run, TrainingService.Prepared prepared, TrainingConfig config, Path folder) {
        this.run = run;
        this.prepared = prepared;
        this.config = config;
        this.folder = folder;
        List<RowRef> r = new ArrayList<>();
        List<Conversation> c = new ArrayList<>();
        for (int i = 0; i < prepared.train().examples().size(); i++) {
            int src = prepared.train().source(i);
            r.add(prepared.data().trainRows().get(src));
            c.add(prepared.data().train().get(src));
        }
        this.rows = List.copyOf(r);
        this.conversations = List.copyOf(c);
    }

    /** Re-prepares run {@code runId} of {@code training}'s workspace; it must be a LoRA run. */
    public static RunReplay open(TrainingService training, long runId) {
        RunRecord run = training.runs().get(runId)
                .orElseThrow(() -> new TrainingInputException("run: no run with id " + runId));
        TrainingConfig c = TrainingConfigJson.parse(run.spec().configJson());
        if (c.lora() == null) {
            throw new TrainingInputException("run " + runId + ": full fine-tuning; gradient influence is computed"
                    + " through LoRA adapters only");
        }
        TrainingService.Prepared p = training.prepare(run.spec().baseModel(),
                new DatasetRef(run.spec().datasetName(), Optional.of(run.spec().datasetVersion())), c);
        return new RunReplay(run, p, c, training.runFolder(runId));
    }

    public RunRecord run() {
        return run;
    }

    public TrainingConfig config() {
        return config;
    }

    /** The run's folder ({@code runs/N}). */
    public Path folder() {
        return folder;
    }

    /** The training examples in encoder order (as the trainer got them, before shuffling). */
    public List<TrainingExample> examples() {
        return prepared.train().examples();
    }

    /** Row of each example, parallel to {@link #examples()}. */
    public List<RowRef> rows() {
        return rows;
    }

    /** Conversation of each example, parallel to {@link #examples()}. */
    public List<Conversation> conversations() {
        return conversations;
    }

    public Tokenizer tokenizer() {
        return prepared.files().tokenizer();
    }

    public ChatFormat format() {
        return prepared.format();
    }

    /** Encodes a conversation exactly as the run's training rows were. */
    public ExampleEncoder encoder() {
        return new ExampleEncoder(prepared.format(), prepared.files().tokenizer(), config.seqLen(), config.truncation());
    }

    /** The learning rate of every update the run made. */
    public LrSchedule schedule() {
        BatchStream stream = new BatchStream(examples(), config.batchSize(), config.seqLen(), config.packing(), true,
                config.seed(), 0);
        return new LrSchedule(config.schedule(), config.learningRate(), config.warmupSteps(),
                Trainer.totalSteps(config, stream));
    }

    /** The run's kept checkpoint folders, oldest first (the last is the final adapter's weights). */
    public List<Path> checkpoints() {
        List<Path> all = new ArrayList<>(new CheckpointStore(folder.resolve("checkpoints"), 1).list());
        return all.reversed();
    }

    /** Reads a checkpoint folder (verified). */
    public Checkpoint checkpoint(Path dir) {
        return new CheckpointStore(dir.getParent(), 1).load(dir);
    }

    /**
     * The run's model with LoRA dropout off (per-example gradients must not depend on a mask), LoRA weights
     * still at their initial values; {@link #load} puts a checkpoint's in.
     */
    public TrainableLlama model(int threads) {
        LoraConfig l = config.lora();
        return TrainableLlama.builder(prepared.files().config(), prepared.files().weights())
                .lora(new LoraConfig(l.targets(), l.rank(), l.alpha(), 0f, l.rsLora())).seed(config.seed())
                .threads(threads).build();
    }

    /** Copies a checkpoint's parameters into the model's; every trainable parameter must be there, same shape. */
    public static void load(TrainableLlama model, Checkpoint c) {
        Map<String, Checkpoint.Tensor> values = c.parameters();
        for (Parameter p : model.parameters()) {
            Checkpoint.Tensor t = values.get(p.name());
            if (t == null || !Arrays.equals(t.shape(), p.shape())) {
                throw new TrainingInputException("checkpoint at step " + c.step() + ": parameter " + p.name()
                        + (t == null ? " is missing" : " has shape " + Arrays.toString(t.shape()) + ", the model "
                        + Arrays.toString(p.shape())));
            }
            System.arraycopy(t.values(), 0, p.value(), 0, p.size());
        }
    }

    @Override
    public void close() {
        prepared.close();
    }
}
