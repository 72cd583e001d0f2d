package dev.modelfactory.engine.eval;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Items to token ids exactly as training and inference see them: prompts rendered with the model's chat
 * template plus its generation prompt, tokenised with special-token text parsed and BOS where the tokenizer
 * adds one (not twice when the template renders it); loss items as a conversation ending in the reference
 * as the assistant turn, encoded by the training encoder, so the reference tokens (with the template's
 * end-of-turn text) carry the loss just as they do in training.
 */
final class PromptEncoder {

    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final ExampleEncoder examples;
    private final int context;

    PromptEncoder(EvalModel base) {
        this.tokenizer = base.tokenizer();
        this.template = base.template();
        this.context = base.config().maxSeqLen();
        this.examples = new ExampleEncoder(new ChatFormat(template), tokenizer, Math.max(2, context),
                TruncationPolicy.KEEP_START);
    }

    /** The rendered prompt text of a generation or multiple-choice item. */
    String promptText(EvalItem item) {
        return template.render(item.prompt(), true);
    }

    int[] encode(String text) {
        int[] ids = tokenizer.encode(text, tokenizer.addBosByDefault(), true);
        int bos = tokenizer.bosId();
        if (ids.length >= 2 && bos >= 0 && ids[0] == bos && ids[1] == bos) {
            ids = Arrays.copyOfRange(ids, 1, ids.length);
        }
        return ids;
    }

    /** Prompt ids for generation; refused when they leave no room for an answer in the context. */
    int[] generationPrompt(EvalTask task, EvalItem item) {
        int[] ids = encode(promptText(item));
        if (ids.length == 0) {
            throw new IllegalArgumentException(where(task, item) + ": the prompt renders to no tokens");
        }
        if (ids.length >= context) {
            throw new IllegalArgumentException(where(task, item) + ": the prompt of " + ids.length
                    + " tokens leaves no room for an answer in the context of " + context);
        }
        return ids;
    }

    /** The loss example (tokens, reference mask), cut to the context; refused when no reference token fits. */
    TrainingExample lossExample(EvalTask task, EvalItem item) {
        List<ChatTemplate.Message> messages = new ArrayList<>(item.prompt());
        messages.add(new ChatTemplate.Message(Conversation.ASSISTANT, item.reference()));
        TrainingExample e;
        try {
            e = examples.encode(new Conversation(messages));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where(task, item) + ": " + ex.getMessage(), ex);
        }
        if (e.length() > context) {
            e = new TrainingExample(Arrays.copyOf(e.tokens(), context), Arrays.copyOf(e.response(), context));
        }
        if (e.lossTokens() == 0) {
            throw new IllegalArgumentException(where(task, item) + ": no reference token fits the context of "
                    + context);
        }
        return e;
    }

    /** Ids that end generation (EOS and end-of-turn tokens). */
    int[] endOfGeneration() {
        return java.util.stream.IntStream.range(0, tokenizer.vocabSize()).filter(tokenizer::isEndOfGeneration)
                .toArray();
    }

    String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    static String where(EvalTask task, EvalItem item) {
        return "task " + task.name() + ", item " + item.id();
    }
}
