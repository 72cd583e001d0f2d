package dev.modelfactory.app.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.starter.Skill;
import dev.modelfactory.engine.starter.SkillItem;
import dev.modelfactory.engine.starter.SkillSets;
import dev.modelfactory.engine.starter.StarterCorpus;
import dev.modelfactory.engine.tokenizer.SpmTokenizer;
import dev.modelfactory.engine.tokenizer.SpmTrainer;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.Trainer;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.engine.train.loop.TrainingListener;
import dev.modelfactory.engine.train.loop.TrainingResult;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rebuilds the starter kit from nothing: generates the corpus ({@link StarterCorpus}), learns a
 * SentencePiece vocabulary with the ChatML markers as control tokens ({@link SpmTrainer}), pre-trains a
 * small Llama from scratch with the engine (full training, loss on every token), writes it as GGUF (F16,
 * vocabulary, ChatML template, {@code <|im_end|>} as end of turn), and writes the demo datasets
 * ({@link SkillSets#all}) as Alpaca JSONL with a {@value #MANIFEST} naming contributor, licence and uses.
 */
public final class StarterBuild {

    public static final String MODEL = "starter-base.gguf";
    public static final String MANIFEST = "datasets.json";

    private StarterBuild() {
    }

    /** What a build produced. */
    public record Result(Path model, double firstLoss, double finalLoss, int steps, double seconds, long parameters) {
    }

    public static Result build(Path out, StarterSettings s, int threads, Consumer<String> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("datasets"));
        long t0 = System.nanoTime();
        List<String> docs = StarterCorpus.documents(s.seed(), s.documents());
        List<Skill> skills = SkillSets.all(s.skillSeed());
        SpmTrainer trainer = new SpmTrainer(s.vocabSize(), List.of(StarterCorpus.IM_START, StarterCorpus.IM_END), 2)
                .splitDigits().splitPunctuation();
        docs.forEach(trainer::add);
        for (Skill k : skills) {
            // the tokenizer sees the skills' text (so digits, braces and quotes have pieces); the model does not
            for (SkillItem i : k.items()) {
                trainer.add(i.instruction()).add(i.input()).add(i.output());
            }
        }
        Vocabulary vocab = trainer.train(StarterCorpus.IM_END);
        progress.accept("tokenizer: " + vocab.size() + " pieces");
        SpmTokenizer tok = new SpmTokenizer(vocab, true);
        List<TrainingExample> examples = new ArrayList<>();
        for (String d : docs) {
            int[] ids = tok.encode(d, true, true);
            if (ids.length > s.seqLen()) {
                ids = Arrays.copyOf(ids, s.seqLen());
            }
            boolean[] all = new boolean[ids.length];
            Arrays.fill(all, true);
            examples.add(new TrainingExample(ids, all));
        }
        LlamaConfig c = LlamaConfig.builder().dim(s.dim()).hiddenDim(s.hidden()).layers(s.layers()).heads(s.heads())
                .kvHeads(s.heads()).vocabSize(vocab.size()).maxSeqLen(512).build();
        TrainingConfig tc = TrainingConfig.builder().learningRate(s.learningRate()).schedule(ScheduleKind.COSINE)
                .warmupSteps(Math.max(1, s.steps() / 20)).maxSteps(s.steps()).batchSize(s.batch()).seqLen(s.seqLen())
                .seed(s.seed()).weightDecay(0.01).maxGradNorm(1.0).lora(null).build();
        TrainingResult r;
        long params;
        try (TrainableLlama model = TrainableLlama.builder(c, StarterModels.initialWeights(c, s.seed())).fullFineTuning()
                .threads(threads).build()) {
            params = model.parameters().stream().mapToLong(p -> p.size()).sum();
            progress.accept("pre-training " + params + " parameters on " + examples.size() + " documents, "
                    + s.steps() + " steps");
            r = Trainer.builder().model(model).config(tc).train(examples).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics m) {
                    if (m.step() % 25 == 0 || m.step() == s.steps()) {
                        progress.accept(String.format(java.util.Locale.ROOT, "step %d/%d loss %.4f %.0f tok/s %.0f s",
                                m.step(), s.steps(), m.loss(), m.tokensPerSecond(), (System.nanoTime() - t0) / 1e9));
                    }
                }
            }).build().run();
            if (r.outcome() != TrainingResult.Outcome.COMPLETED) {
                throw new IllegalStateException("pre-training did not complete: " + r.message());
            }
            LlamaGguf.write(out.resolve(MODEL), c, model.weights(), GgmlType.F16, StarterModels.ggufVocab(vocab),
                    "modelfactory-starter", ChatFormat.CHATML, vocab.id(StarterCorpus.IM_END));
        }
        writeDatasets(out, skills);
        return new Result(out.resolve(MODEL), r.metrics().getFirst().loss(), r.metrics().getLast().loss(), r.steps(),
                (System.nanoTime() - t0) / 1e9, params);
    }

    static void writeDatasets(Path out, List<Skill> skills) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        for (Skill k : skills) {
            String file = "datasets/" + k.name() + ".jsonl";
            SkillSets.writeAlpaca(k, out.resolve(file));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("name", k.name());
            m.put("description", k.description());
            m.put("contributor", k.contributor());
            m.put("licence", k.licence());
            m.put("uses", k.uses().stream().sorted().toList());
            m.put("rows", k.items().size());
            files.add(m);
        }
        Path tmp = out.resolve(MANIFEST + ".tmp");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), Map.of("datasets", files));
        Files.move(tmp, out.resolve(MANIFEST), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
