package dev.modelfactory.app.training;

import dev.modelfactory.engine.adapter.MergedExport;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.safetensors.SafetensorsDType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.train.loop.ExampleLosses;
import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingControl;
import dev.modelfactory.engine.train.loop.TrainingListener;
import dev.modelfactory.engine.train.loop.TrainingResult;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.llama.TrainableLlamaBuilder;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSample;
import dev.modelfactory.ledger.store.run.RunSampleStore;
import dev.modelfactory.ledger.store.run.RunSeriesStore;
import dev.modelfactory.ledger.store.run.RunStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a run's thread: builds the trainable model, runs the engine's {@link Trainer} with the run's
 * checkpoint folder (which makes it resume by itself from the last checkpoint there), streams metrics to
 * the RunStore and the listener, saves the adapter and records how the run ended. Whatever happens, the
 * run leaves RUNNING and the handle completes.
 */
final class RunExecution implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RunExecution.class);

    private final RunStore runs;
    private final RunSampleStore samples;
    private final RunRecord run;
    private final TrainingService.Prepared prepared;
    private final TrainingConfig config;
    private final Path folder;
    private final int threads;
    private final RunListener listener;
    private final MetricsRecorder recorder;
    private final SeriesTracker series;
    private final RunHandle handle;
    private final TrainingControl control = new TrainingControl();

    RunExecution(RunStore runs, RunSampleStore samples, RunSeriesStore seriesStore, RunRecord run,
            TrainingService.Prepared prepared, TrainingConfig config, Path folder, int threads, RunListener listener,
            long elapsedBefore) {
        this.runs = runs;
        this.samples = samples;
        this.run = run;
        this.prepared = prepared;
        this.config = config;
        this.folder = folder;
        this.threads = threads;
        this.listener = listener;
        this.handle = new RunHandle(run.id(), prepared.plan().totalSteps(), control);
        this.series = new SeriesTracker(prepared.seriesPlan(), handle.totalSteps(), seriesStore, run.id(),
                points -> listener.onSeries(run.id(), points));
        this.recorder = new MetricsRecorder(runs, run.id(), elapsedBefore, series);
    }

    RunHandle handle() {
        return handle;
    }

    @Override
    public void run() {
        long t0 = System.nanoTime();
        TrainingOutcome outcome;
        try (prepared) {
            outcome = train(t0);
        } catch (Throwable e) {
            LOG.error("training run {} failed", run.id(), e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            outcome = end(RunOutcome.FAILED, message, List.of(), null, null, t0);
        }
        listener.onFinished(outcome);
        handle.finished(outcome);
    }

    private TrainingOutcome train(long t0) throws InterruptedException, IOException {
        Files.createDirectories(folder);
        Path checkpoints = folder.resolve("checkpoints");
        TrainableLlamaBuilder b = TrainableLlama.builder(prepared.files().config(), prepared.files().weights())
                .seed(config.seed()).threads(threads);
        try (TrainableLlama model = (config.lora() == null ? b.fullFineTuning() : b.lora(config.lora())).build()) {
            int total = handle.totalSteps();
            series.define();
            SamplePrompts prompts = config.sampleEvery() == 0 ? null : SamplePrompts.of(prepared.data().validation(),
                    prepared.format(), prepared.files().tokenizer(), config.sampleCount(), model.config().maxSeqLen());
            if (prompts != null && prompts.isEmpty()) {
                LOG.warn("run {}: sample_every is {} but the {} split has no prompt that fits; no samples", run.id(),
                        config.sampleEvery(), config.evalSplit());
            }
            TrainingResult r = Trainer.builder().model(model).config(config).train(prepared.train().examples())
                    .sampler(prompts == null || prompts.isEmpty() ? null : prompts.sampler(model::logits,
                            model.config().vocabSize(), prepared.files().tokenizer(), config.sampleMaxTokens(),
                            model.config().maxSeqLen()))
                    .eval(prepared.eval().examples()).checkpoints(checkpoints).control(control)
                    .listener(new TrainingListener() {
                        @Override
                        public boolean wantsExampleLosses() {
                            return true;
                        }

                        @Override
                        public void onExampleLosses(int step, ExampleLosses train, ExampleLosses eval) {
                            series.add(step, train, eval);
                        }

                        @Override
                        public void onStep(StepMetrics m) {
                            recorder.add(m);
                            handle.stepped(m);
                            listener.onStep(run.id(), m, total);
                        }

                        @Override
                        public void onCheckpoint(int step, Path saved) {
                            recorder.flush();
                            runs.checkpointed(run.id(), checkpoints.toString(), step);
                            listener.onCheckpoint(run.id(), step);
                        }

                        @Override
                        public void onSamples(int step, List<int[]> answers) {
                            List<RunSample> got = prompts.samples(step, answers, prepared.files().tokenizer());
                            samples.record(run.id(), got);
                            listener.onSamples(run.id(), got);
                        }

                        @Override
                        public void onPaused(int step) {
                            recorder.flush();
                            listener.onPaused(run.id(), step);
                        }
                    }).build().run();
            series.closeWindow();
            recorder.flush();
            List<StepMetrics> session = r.metrics();
            return switch (r.outcome()) {
                case COMPLETED -> {
                    Saved s = save(model);
                    yield end(RunOutcome.COMPLETED, r.message(), session, s.path, s.hash, t0);
                }
                case CANCELLED -> {
                    Saved s = handle.keepAdapter() ? save(model) : new Saved(null, null);
                    yield end(RunOutcome.STOPPED, (handle.keepAdapter() ? "stopped" : "cancelled") + " after step "
                            + r.steps() + "; resumable from its checkpoint", session, s.path, s.hash, t0);
                }
                case FAILED -> end(RunOutcome.FAILED, r.message(), session, null, null, t0);
            };
        }
    }

    private record Saved(Path path, String hash) {
    }

    /** LoRA: the PEFT folder {@code adapter/}; full fine-tuning: {@code model.gguf} (or an HF folder without a SentencePiece vocabulary). */
    private Saved save(TrainableLlama model) throws IOException {
        if (config.lora() != null) {
            PeftAdapter a = PeftAdapter.fromParameters(config.lora(), prepared.model().name(), model.parameters(),
                    model.config());
            Path out = folder.resolve("adapter");
            a.save(out);
            return new Saved(out, a.sha256());
        }
        Optional<LlamaGguf.Vocab> vocab = prepared.files().vocab();
        if (vocab.isPresent()) {
            Path out = folder.resolve("model.gguf");
            int eot = -1;
            var tok = prepared.files().tokenizer();
            for (int id = 0; id < vocab.get().size(); id++) {
                if (id != tok.eosId() && tok.isEndOfGeneration(id)) {
                    eot = id;
                    break;
                }
            }
            LlamaGguf.write(out, model.config(), model.weights(), GgmlType.F32, vocab.get(), run.spec().name(),
                    prepared.files().template().map(t -> t.template()).orElse(null), eot);
            return new Saved(out, null);
        }
        Path out = folder.resolve("model");
        MergedExport.hfFolder(out, model.config(), model.weights(), SafetensorsDType.F32, prepared.files().path());
        return new Saved(out, null);
    }

    private TrainingOutcome end(RunOutcome outcome, String message, List<StepMetrics> steps, Path adapter, String hash,
            long t0) {
        try {
            recorder.flush();
        } catch (RuntimeException e) {
            LOG.warn("could not store the last metrics of run {}", run.id(), e);
        }
        try {
            runs.finish(run.id(), outcome, message, hash);
        } catch (RuntimeException e) {
            // the outcome still reaches the caller; the record stays RUNNING and is marked INTERRUPTED on the next open
            LOG.error("could not record the end of run {} ({})", run.id(), outcome, e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        StepMetrics last = steps.isEmpty() ? null : steps.getLast();
        double evalLoss = steps.stream().filter(StepMetrics::hasEvalLoss).reduce((a, b) -> b)
                .map(StepMetrics::evalLoss).orElse(Double.NaN);
        int from = run.checkpointStep().isPresent() ? (int) run.checkpointStep().getAsLong() : 0;
        double tps = steps.stream().filter(m -> m.step() > from).mapToDouble(StepMetrics::tokensPerSecond).average()
                .orElse(Double.NaN);
        return new TrainingOutcome(run.id(), outcome, message, last == null ? 0 : last.step(),
                last == null ? Double.NaN : last.loss(), evalLoss, Optional.ofNullable(adapter), Optional.ofNullable(hash),
                seconds, tps);
    }
}
