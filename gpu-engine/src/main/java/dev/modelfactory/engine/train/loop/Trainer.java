package dev.modelfactory.engine.train.loop;

import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainableModel;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.checkpoint.Checkpoint;
import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.DataPosition;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.optim.AdamW;
import dev.modelfactory.engine.train.optim.GradientClipping;
import dev.modelfactory.engine.train.optim.LrSchedule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The training loop: per optimiser step, {@code gradAccum} micro-batches through
 * {@link TrainableModel#forwardBackward}, gradients divided by the step's loss-token count (so the loss is
 * the mean per token whatever the packing), clipped, checked, then one AdamW update at the schedule's rate.
 * Evaluates, reports and checkpoints on the configured cadence.
 *
 * <p>Reproducible: data order depends on (seed, epoch), dropout on (seed, step, micro-batch), and a
 * checkpoint holds the parameters, the optimiser state and the data position, so a run resumed from any
 * checkpoint (see {@link #run()}: it resumes by itself when the checkpoint folder has one) computes the
 * same losses and bit-identical parameters as one that never stopped.
 *
 * <p>A NaN or infinite loss or gradient norm, or a norm above {@code explodeGradNorm}, stops the run before
 * the update is applied, with a message naming the step and the value; the last checkpoint stays as it
 * was.
 */
public final class Trainer {

    private final TrainableModel model;
    private final TrainingConfig config;
    private final List<TrainingExample> train;
    private final List<TrainingExample> eval;
    private final CheckpointStore store;
    private final TrainingListener listener;
    private final TrainingControl control;
    private final GreedySampler sampler;

    private Trainer(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.config = Objects.requireNonNull(b.config, "config");
        this.train = List.copyOf(b.train);
        this.eval = List.copyOf(b.eval);
        this.store = b.checkpoints == null ? null : new CheckpointStore(b.checkpoints, config.keepCheckpoints());
        this.listener = b.listener;
        this.control = b.control;
        this.sampler = b.sampler;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Optimiser steps the run takes in all (max_steps, or the steps of every epoch). */
    public static int totalSteps(TrainingConfig c, BatchStream data) {
        if (c.maxSteps() > 0) {
            return c.maxSteps();
        }
        long total = 0;
        for (int e = 0; e < c.epochs(); e++) {
            total += (data.batchesInEpoch(e) + c.gradAccum() - 1) / c.gradAccum();
        }
        return Math.toIntExact(total);
    }

    /** Runs (or resumes) to the end, a cancellation or a failure. */
    public TrainingResult run() throws InterruptedException {
        List<Parameter> params = model.parameters();
        BatchStream data = new BatchStream(train, config.batchSize(), config.seqLen(), config.packing(), true,
                config.seed(), 0);
        int total = totalSteps(config, data);
        LrSchedule schedule = new LrSchedule(config.schedule(), config.learningRate(), config.warmupSteps(), total);
        AdamW optimizer = new AdamW(config.adamW());
        List<StepMetrics> history = new ArrayList<>();
        boolean perExample = listener.wantsExampleLosses();
        int step = 0;
        Path lastCheckpoint = null;
        if (store != null) {
            store.cleanTemporary();
            Optional<Checkpoint> latest = store.latest();
            if (latest.isPresent()) {
                step = restore(latest.get(), params, optimizer, data, history);
                lastCheckpoint = store.pathOf(step);
            }
        }
        while (step < total) {
            if (!control.holdIfPaused(pausedAt(step))) {
                boolean unsaved = store != null && step > 0 && !store.pathOf(step).equals(lastCheckpoint);
                Path saved = unsaved ? checkpoint(step, params, optimizer, data, history) : null;
                return new TrainingResult(TrainingResult.Outcome.CANCELLED, step, "cancelled after step " + step,
                        Optional.ofNullable(saved != null ? saved : lastCheckpoint), history);
            }
            long started = System.nanoTime();
            params.forEach(Parameter::zeroGrad);
            double lossSum = 0;
            long lossTokens = 0;
            long tokens = 0;
            int micro = 0;
            ExampleLosses.Builder perExampleLosses = perExample ? new ExampleLosses.Builder() : null;
            do {
                TrainingBatch batch = data.next();
                long dropout = dropoutSeed(config.seed(), step, micro);
                if (perExampleLosses != null) {
                    double[] tokenLosses = new double[batch.batch() * batch.seqLen()];
                    lossSum += model.forwardBackward(batch, dropout, tokenLosses);
                    perExampleLosses.add(batch, data.lastRows(), tokenLosses);
                } else {
                    lossSum += model.forwardBackward(batch, dropout);
                }
                lossTokens += batch.lossTokens();
                tokens += realTokens(batch);
                micro++;
            } while (micro < config.gradAccum() && !data.atEpochStart());
            double loss = lossSum / Math.max(1, lossTokens);
            scale(params, 1.0 / Math.max(1, lossTokens));
            double norm = GradientClipping.clip(params, config.maxGradNorm());
            String why = divergence(step + 1, loss, norm);
            if (why != null) {
                return new TrainingResult(TrainingResult.Outcome.FAILED, step, why + (lastCheckpoint == null
                        ? "; no checkpoint was written yet" : "; the last good checkpoint is " + lastCheckpoint),
                        Optional.ofNullable(lastCheckpoint), history);
            }
            double lr = schedule.lr(step);
            optimizer.step(params, lr);
            step++;
            double seconds = (System.nanoTime() - started) / 1e9;
            ExampleLosses.Builder evalLosses = perExample ? new ExampleLosses.Builder() : null;
            double evalLoss = evaluate(step, total, evalLosses);
            DataPosition pos = data.position();
            double epoch = pos.epoch() + (double) pos.index() / data.batchesInEpoch(pos.epoch());
            Runtime rt = Runtime.getRuntime();
            StepMetrics m = new StepMetrics(step, epoch, loss, evalLoss, lr, norm, tokens / Math.max(seconds, 1e-9),
                    rt.totalMemory() - rt.freeMemory());
            history.add(m);
            if (perExampleLosses != null) {
                listener.onExampleLosses(step, perExampleLosses.build(),
                        Double.isNaN(evalLoss) ? null : evalLosses.build());
            }
            listener.onStep(m);
            if (sampler != null && config.sampleEvery() > 0 && (step % config.sampleEvery() == 0 || step == total)) {
                listener.onSamples(step, sampler.generate());
            }
            if (store != null && (step == total || (config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0))) {
                lastCheckpoint = checkpoint(step, params, optimizer, data, history);
            }
        }
        return new TrainingResult(TrainingResult.Outcome.COMPLETED, step, "completed " + step + " steps",
                Optional.ofNullable(lastCheckpoint), history);
    }

    private Runnable pausedAt(int step) {
        return () -> listener.onPaused(step);
    }

    private String divergence(int step, double loss, double norm) {
        if (!Double.isFinite(loss)) {
            return "step " + step + ": training loss is " + loss + "; the run stopped before applying this update";
        }
        if (!Double.isFinite(norm)) {
            return "step " + step + ": gradient norm is " + norm + "; the run stopped before applying this update";
        }
        if (config.explodeGradNorm() > 0 && norm > config.explodeGradNorm()) {
            return "step " + step + ": gradient norm " + norm + " exceeds explode_grad_norm "
                    + config.explodeGradNorm() + " (exploding gradients); the run stopped before applying this update";
        }
        return null;
    }

    /**
     * Mean validation loss per token when this step evaluates, else NaN; {@code perExample} (null: not
     * wanted) gathers the per-example losses of the pass.
     */
    private double evaluate(int step, int total, ExampleLosses.Builder perExample) {
        boolean due = step == total || (config.evalEvery() > 0 && step % config.evalEvery() == 0);
        if (!due || eval.isEmpty()) {
            return Double.NaN;
        }
        BatchStream s = new BatchStream(eval, config.batchSize(), config.seqLen(), config.packing(), false, 0, 0);
        double sum = 0;
        long n = 0;
        for (int i = s.batchesInEpoch(0); i > 0; i--) {
            TrainingBatch b = s.next();
            if (perExample != null) {
                double[] tokenLosses = new double[b.batch() * b.seqLen()];
                sum += model.loss(b, tokenLosses);
                perExample.add(b, s.lastRows(), tokenLosses);
            } else {
                sum += model.loss(b);
            }
            n += b.lossTokens();
        }
        return sum / Math.max(1, n);
    }

    private Path checkpoint(int step, List<Parameter> params, AdamW optimizer, BatchStream data,
            List<StepMetrics> history) {
        Map<String, Checkpoint.Tensor> values = new LinkedHashMap<>();
        for (Parameter p : params) {
            values.put(p.name(), new Checkpoint.Tensor(p.shape(), p.value()));
        }
        Path saved = store.save(new Checkpoint(step, data.position(), config.seed(), config.sha256(), values,
                optimizer.state(), MetricsJsonl.write(history)));
        listener.onCheckpoint(step, saved);
        return saved;
    }

    private int restore(Checkpoint c, List<Parameter> params, AdamW optimizer, BatchStream data,
            List<StepMetrics> history) {
        if (!c.configSha256().equals(config.sha256())) {
            throw new IllegalStateException("checkpoint at step " + c.step() + " in " + store.dir()
                    + " was written by a run with another config (sha256 " + c.configSha256() + ", this run "
                    + config.sha256() + "); use a new checkpoint folder or the same config");
        }
        for (Parameter p : params) {
            Checkpoint.Tensor t = c.parameters().get(p.name());
            if (t == null || !java.util.Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalStateException("checkpoint at step " + c.step() + ": parameter " + p.name()
                        + (t == null ? " is missing" : " has shape " + java.util.Arrays.toString(t.shape())
                        + ", the model " + java.util.Arrays.toString(p.shape())));
            }
            System.arraycopy(t.values(), 0, p.value(), 0, p.size());
        }
        if (c.parameters().size() != params.size()) {
            throw new IllegalStateException("checkpoint at step " + c.step() + " has " + c.parameters().size()
                    + " parameters, the model " + params.size());
        }
        optimizer.restore(c.optimizer(), params);
        data.seek(c.data());
        history.addAll(MetricsJsonl.read(c.metricsJsonl()));
        return c.step();
    }

    /** splitmix64 of (seed, step, micro-batch): independent masks per micro-batch, the same after a resume. */
    static long dropoutSeed(long seed, int step, int micro) {
        long z = seed + 0x9E3779B97F4A7C15L * (((long) step << 16) + micro + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long realTokens(TrainingBatch b) {
        long n = 0;
        for (int s : b.segments()) {
            if (s >= 0) {
                n++;
            }
        }
        return n;
    }

    private static void scale(List<Parameter> params, double f) {
        for (Parameter p : params) {
            float[] g = p.grad();
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (g[i] * f);
            }
        }
    }

    /** Model, config and training examples are required; the rest is optional. */
    public static final class Builder {
        private TrainableModel model;
        private TrainingConfig config;
        private List<TrainingExample> train = List.of();
        private List<TrainingExample> eval = List.of();
        private Path checkpoints;
        private TrainingListener listener = TrainingListener.NONE;
        private TrainingControl control = new TrainingControl();
        private GreedySampler sampler;

        public Builder model(TrainableModel v) {
            model = v;
            return this;
        }

        public Builder config(TrainingConfig v) {
            config = v;
            return this;
        }

        public Builder train(List<TrainingExample> v) {
            train = v;
            return this;
        }

        /** Validation examples (may be empty: no eval loss). */
        public Builder eval(List<TrainingExample> v) {
            eval = v;
            return this;
        }

        /** The run's checkpoint folder; a run with a checkpoint there resumes from it. */
        public Builder checkpoints(Path v) {
            checkpoints = v;
            return this;
        }

        public Builder listener(TrainingListener v) {
            listener = v;
            return this;
        }

        public Builder control(TrainingControl v) {
            control = v;
            return this;
        }

        /** Greedy answers reported to {@link TrainingListener#onSamples} every {@code sample_every} steps. */
        public Builder sampler(GreedySampler v) {
            sampler = v;
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
