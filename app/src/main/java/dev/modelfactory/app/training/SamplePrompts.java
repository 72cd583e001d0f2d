package dev.modelfactory.app.training;

import dev.modelfactory.engine.format.hf.ChatTemplate.Message;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.loop.GreedySampler;
import dev.modelfactory.ledger.store.run.RunSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fixed prompts a run answers every {@code sample_every} steps: the first {@code sample_count}
 * conversations of the evaluation split (in the version's order, so every run of a version gets the same
 * ones), each cut before its last assistant turn and rendered with the run's chat template and a
 * generation prompt, tokenised as training tokenises. The cut-off assistant turn is the reference answer.
 * Prompts that leave no room for an answer in the model's context are passed over.
 */
record SamplePrompts(List<int[]> tokens, List<String> prompts, List<String> references) {

    static SamplePrompts of(List<Conversation> eval, ChatFormat format, Tokenizer tokenizer, int count, int context) {
        List<int[]> tokens = new ArrayList<>();
        List<String> prompts = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (Conversation c : eval) {
            if (tokens.size() == count) {
                break;
            }
            List<Message> msgs = c.messages();
            int last = msgs.size() - 1;
            while (!Conversation.ASSISTANT.equals(msgs.get(last).role())) {
                last--;
            }
            int[] ids = tokenizer.encode(format.template().render(msgs.subList(0, last), true),
                    tokenizer.addBosByDefault(), true);
            int bos = tokenizer.bosId();
            if (ids.length >= 2 && bos >= 0 && ids[0] == bos && ids[1] == bos) {
                ids = Arrays.copyOfRange(ids, 1, ids.length);
            }
            if (ids.length == 0 || ids.length >= context) {
                continue;
            }
            tokens.add(ids);
            prompts.add(last == 0 ? "" : msgs.get(last - 1).content());
            references.add(msgs.get(last).content());
        }
        return new SamplePrompts(List.copyOf(tokens), List.copyOf(prompts), List.copyOf(references));
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }

    GreedySampler sampler(GreedySampler.Logits logits, int vocabSize, Tokenizer tokenizer, int maxNewTokens,
            int context) {
        return new GreedySampler(logits, vocabSize, tokens, maxNewTokens, context,
                tokenizer::isEndOfGeneration);
    }

    /** One step's answers, decoded, beside their prompts and references. */
    List<RunSample> samples(int step, List<int[]> answers, Tokenizer tokenizer) {
        List<RunSample> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            out.add(new RunSample(step, i, prompts.get(i), tokenizer.decode(answers.get(i)), references.get(i)));
        }
        return out;
    }
}
