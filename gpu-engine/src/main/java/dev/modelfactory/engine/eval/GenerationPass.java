package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.eval.metrics.Scorers;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.serve.ServeEngine;
import dev.modelfactory.engine.serve.ServeHandle;
import dev.modelfactory.engine.serve.ServeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every generation item of every system through one {@link ServeEngine}: all requests are queued at once
 * and the engine decodes up to maxBatch of them per step, rows of different adapters mixed in one batched
 * step (unmerged LoRA per row). Greedy unless the decoding samples; a sampled item's seed is the job's
 * seed mixed with the item's position, the same for every system, so systems see the same random stream.
 */
final class GenerationPass {

    private record Pending(EvalTask task, EvalItem item, EvalSystem system, ServeHandle handle) {
    }

    private final LlamaModel model;
    private final SystemAdapters adapters;
    private final PromptEncoder prompts;
    private final int maxBatch;

    GenerationPass(LlamaModel model, SystemAdapters adapters, PromptEncoder prompts, int maxBatch) {
        this.model = model;
        this.adapters = adapters;
        this.prompts = prompts;
        this.maxBatch = maxBatch;
    }

    void run(List<EvalTask> tasks, Decoding decoding, JobProgress progress) {
        int[] stops = prompts.endOfGeneration();
        List<Pending> pending = new ArrayList<>();
        try (ServeEngine engine = ServeEngine.builder(model, adapters.pool()).decoder(prompts::decode)
                .maxBatch(maxBatch).build()) {
            try {
                long index = 0;
                for (EvalTask task : tasks) {
                    for (EvalItem item : task.items()) {
                        GenerationRequest.Builder g = GenerationRequest.builder(prompts.generationPrompt(task, item))
                                .maxTokens(decoding.maxTokens()).sampling(sampling(decoding, index++));
                        for (int id : stops) {
                            g.stopToken(id);
                        }
                        GenerationRequest request = g.build();
                        for (EvalSystem s : adapters.systems()) {
                            ServeHandle h = engine.submit(new ServeRequest(SystemAdapters.adapterId(s), request), null);
                            pending.add(new Pending(task, item, s, h));
                        }
                    }
                }
                for (Pending p : pending) {
                    GenerationResult r = await(p, progress);
                    String output = r.text();
                    progress.record(new ItemOutcome(p.system().label(), p.task().name(), p.item().id(), output,
                            Scorers.score(p.task(), p.item(), output), 0));
                }
            } catch (RuntimeException e) {
                pending.forEach(p -> p.handle().cancel());
                throw e;
            }
        }
    }

    /** Waits for one result, checking for cancellation between short waits. */
    private static GenerationResult await(Pending p, JobProgress progress) {
        while (true) {
            progress.check();
            try {
                return p.handle().result().get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // not done yet: check cancellation again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("evaluation interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException(PromptEncoder.where(p.task(), p.item()) + ", system "
                        + p.system().label() + ": generation failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    static SamplerConfig sampling(Decoding d, long itemIndex) {
        if (d.isGreedy()) {
            return SamplerConfig.greedy();
        }
        long seed = d.seed() ^ (0x9E3779B97F4A7C15L * (itemIndex + 1));
        return SamplerConfig.temperature((float) d.temperature(), seed).withTopP((float) d.topP());
    }
}
