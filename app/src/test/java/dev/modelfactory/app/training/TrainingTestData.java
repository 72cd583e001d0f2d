package dev.modelfactory.app.training;

import dev.modelfactory.app.starter.StarterModels;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.tokenizer.SpmTrainer;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tiny random Llama (learnt SentencePiece vocabulary with ChatML markers, ChatML template in the GGUF) and
 * a small skill dataset: "is X an animal or a plant?" answered "A" or "P" (one token each) from alice (TRAIN allowed) plus rows from bob, who
 * allows EVAL only and whose rows carry the marker {@value #BOB_MARKER}.
 */
public final class TrainingTestData {

    static final String BOB_MARKER = "bobsecret";
    static final String[] ANIMALS = {"cat", "dog", "horse", "mouse", "tiger", "sheep", "goat", "bear"};
    static final String[] PLANTS = {"rose", "oak", "tulip", "fern", "moss", "pine", "daisy", "maple"};
    static final String[] FORMS = {"Is a %s an animal or a plant?", "Tell me: %s, animal or plant?",
        "What kind of thing is a %s?"};

    private TrainingTestData() {
    }

    static List<String[]> aliceRows() {
        List<String[]> rows = new ArrayList<>();
        for (String form : FORMS) {
            for (String a : ANIMALS) {
                rows.add(new String[] {String.format(form, a), "A"});
            }
            for (String p : PLANTS) {
                rows.add(new String[] {String.format(form, p), "P"});
            }
        }
        return rows;
    }

    static List<String[]> bobRows() {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(new String[] {"Say the " + BOB_MARKER + " number " + i, BOB_MARKER + " " + i});
        }
        return rows;
    }

    /** Writes the tiny model into {@code dir}/tiny.gguf. */
    public static Path tinyModel(Path dir) throws IOException {
        return tinyModel(dir, 32);
    }

    /** The tiny model with another width (for shape-mismatch tests). */
    public static Path tinyModel(Path dir, int dim) throws IOException {
        SpmTrainer t = new SpmTrainer(420, List.of("<|im_start|>", "<|im_end|>"), 1);
        for (String[] r : aliceRows()) {
            t.add("user\n" + r[0]);
            t.add("assistant\n" + r[1]);
        }
        for (String[] r : bobRows()) {
            t.add(r[0] + " " + r[1]);
        }
        Vocabulary v = t.train("<|im_end|>");
        LlamaConfig c = LlamaConfig.builder().dim(dim).hiddenDim(2 * dim).layers(2).heads(4).kvHeads(2).vocabSize(v.size())
                .maxSeqLen(128).build();
        Path file = dir.resolve("tiny.gguf");
        InMemoryWeights w = StarterModels.initialWeights(c, 11);
        // A frozen head of std 0.02 bounds the logits near zero, which no adapter can undo; a wider one can be steered.
        float[] head = w.floats(WeightNames.OUTPUT);
        for (int i = 0; i < head.length; i++) {
            head[i] *= 25;
        }
        w.put(WeightNames.OUTPUT, head, c.vocabSize(), c.dim());
        LlamaGguf.write(file, c, w, GgmlType.F32, StarterModels.ggufVocab(v),
                "tiny", ChatFormat.CHATML, v.id("<|im_end|>"));
        return file;
    }

    /** Creates dataset "skills" from both contributors and freezes it with an 80/10/10 split. */
    public static void skillDataset(Path workspace, Path scratch) throws IOException {
        try (Workspace ws = Workspace.open(workspace)) {
            DatasetStore ds = new DatasetStore(ws);
            long id = ds.create("skills", "animal or plant").id();
            ds.importFile(id, jsonl(scratch.resolve("alice.jsonl"), aliceRows()), ImportOptions.builder()
                    .format(DatasetFormat.ALPACA).contributor("alice").licence("CC-BY-4.0")
                    .allowedUses(Set.of(Use.TRAIN, Use.EVAL)).build(), ProgressListener.NONE, CancellationToken.NONE);
            ds.importFile(id, jsonl(scratch.resolve("bob.jsonl"), bobRows()), ImportOptions.builder()
                    .format(DatasetFormat.ALPACA).contributor("bob").licence("CC-BY-NC-4.0")
                    .allowedUses(Set.of(Use.EVAL)).build(), ProgressListener.NONE, CancellationToken.NONE);
            ds.freeze(id, new FreezeOptions("v1", new SplitSpec(0.8, 0.1, 0.1, 7)));
        }
    }

    private static Path jsonl(Path file, List<String[]> rows) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            b.append("{\"instruction\": \"").append(r[0]).append("\", \"input\": \"\", \"output\": \"").append(r[1])
                    .append("\"}\n");
        }
        Files.writeString(file, b.toString());
        return file;
    }
}
