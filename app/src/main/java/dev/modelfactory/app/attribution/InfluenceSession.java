package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.RowRef;
import dev.modelfactory.app.training.RunReplay;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.engine.attribution.influence.ExampleGradients;
import dev.modelfactory.engine.attribution.influence.SketchManifest;
import dev.modelfactory.engine.attribution.influence.SketchSet;
import dev.modelfactory.engine.attribution.influence.SketchStore;
import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import dev.modelfactory.engine.train.checkpoint.Checkpoint;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.EncodedData;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.loop.GreedySampler;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run opened for queries: its replay (rows, texts, encoder), the model without dropout, the checkpoints'
 * LoRA weights in memory and the mapped sketches, checked to belong together (same rows, same order, every
 * sketched checkpoint still on disk). Not thread-safe: the service serialises queries.
 */
final class InfluenceSession implements AutoCloseable {

    private final RunReplay replay;
    private final SketchSet sketches;
    private final TrainableLlama model;
    private final ExampleGradients gradients;
    private final List<Checkpoint> checkpoints;

    InfluenceSession(RunReplay replay, int threads) {
        this.replay = replay;
        Path dir = SketchBuilder.folder(replay);
        this.sketches = SketchStore.open(dir);
        try {
            SketchManifest m = sketches.manifest();
            List<RowRef> rows = replay.rows();
            if (m.rows().size() != rows.size()) {
                throw stale(dir, m.rows().size() + " rows were sketched, the run's dataset now gives " + rows.size());
            }
            for (int i = 0; i < rows.size(); i++) {
                if (!m.rows().get(i).hash().equals(rows.get(i).rowHash())) {
                    throw stale(dir, "row " + i + " was " + m.rows().get(i).hash() + ", now " + rows.get(i).rowHash());
                }
            }
            List<Path> kept = replay.checkpoints();
            List<Checkpoint> cps = new ArrayList<>();
            for (SketchManifest.CheckpointSketch c : m.checkpoints()) {
                Path folder = kept.stream().filter(p -> p.getFileName().toString().equals(
                        String.format("checkpoint-%08d", c.step()))).findFirst()
                        .orElseThrow(() -> stale(dir, "checkpoint " + c.step() + " is no longer in the run folder"));
                cps.add(replay.checkpoint(folder));
            }
            this.checkpoints = List.copyOf(cps);
            this.model = replay.model(threads);
            this.gradients = new ExampleGradients(model, m.layout());
        } catch (RuntimeException e) {
            sketches.close();
            throw e;
        }
    }

    private static TrainingInputException stale(Path dir, String why) {
        return new TrainingInputException(dir + ": the sketches are stale (" + why + "); rebuild them with"
                + " 'attribute index --run N'");
    }

    RunReplay replay() {
        return replay;
    }

    SketchSet sketches() {
        return sketches;
    }

    List<Integer> steps() {
        return checkpoints.stream().map(Checkpoint::step).toList();
    }

    /** The greedy answer of the final adapter to a user prompt, rendered with the run's chat template. */
    String generate(String prompt, int maxNewTokens) {
        RunReplay.load(model, checkpoints.getLast());
        Tokenizer tok = replay.tokenizer();
        int[] ids = tok.encode(replay.format().template().render(List.of(new Message("user", prompt)), true),
                tok.addBosByDefault(), true);
        int bos = tok.bosId();
        if (ids.length >= 2 && bos >= 0 && ids[0] == bos && ids[1] == bos) {
            ids = Arrays.copyOfRange(ids, 1, ids.length);
        }
        int context = model.config().maxSeqLen();
        if (ids.length >= context) {
            throw new TrainingInputException("prompt: " + ids.length + " tokens leave no room for an answer in the"
                    + " model's context of " + context);
        }
        GreedySampler sampler = new GreedySampler(model::logits, model.config().vocabSize(), List.of(ids),
                maxNewTokens, context, tok::isEndOfGeneration);
        return tok.decode(sampler.generate().getFirst());
    }

    /** The query's sketched gradient at every sketched checkpoint, in manifest order. */
    List<float[]> querySketches(String prompt, String output) {
        EncodedData enc = replay.encoder().encodeAll(List.of(Conversation.of(null, prompt, output)));
        if (enc.examples().isEmpty()) {
            throw new TrainingInputException("prompt and output: too long for the run's seq_len "
                    + replay.config().seqLen() + " (or the output has no token)");
        }
        TrainingExample q = enc.examples().getFirst();
        List<float[]> out = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            RunReplay.load(model, c);
            out.add(gradients.sketch(q));
        }
        return out;
    }

    /** Row i's conversation, shortened. */
    String text(int i, int max) {
        List<Message> msgs = replay.conversations().get(i).messages();
        StringBuilder sb = new StringBuilder();
        for (Message m : msgs) {
            if (m.role().equals("system")) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(m.role().equals(Conversation.ASSISTANT) ? " -> " : " | ");
            }
            sb.append(m.content().replaceAll("\\s+", " ").strip());
        }
        return sb.length() <= max ? sb.toString() : sb.substring(0, max - 1) + "\u2026";
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            try {
                sketches.close();
            } finally {
                replay.close();
            }
        }
    }
}
