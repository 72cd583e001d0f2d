package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.tokenizer.SpmTokenizer;
import dev.modelfactory.engine.tokenizer.Vocabulary;
import dev.modelfactory.engine.train.data.ChatFormat;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.engine.train.data.EncodedData;
import dev.modelfactory.engine.train.data.ExampleEncoder;
import dev.modelfactory.engine.train.data.TruncationPolicy;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Conversations in, a lower validation loss out: the data path and the loop together. */
class ConversationTrainingTest {

    private static final String[] COLOURS = {"red", "green", "blue", "black", "white"};

    private static List<Conversation> conversations(int n, int offset) {
        List<Conversation> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String c = COLOURS[(i + offset) % COLOURS.length];
            out.add(Conversation.of(null, "what colour is " + c + "?", "it is " + c + " and only " + c));
        }
        return out;
    }

    @Test
    void validationLossFallsOnHeldOutConversations() throws InterruptedException {
        LlamaGguf.Vocab v = LlamaGguf.vocabulary(320);
        SpmTokenizer tok = new SpmTokenizer(new Vocabulary(v.tokens().toArray(String[]::new), v.scores(), null, 1, 2, 0,
                Set.of()), true, true);
        ExampleEncoder enc = new ExampleEncoder(ChatFormat.chatMl(), tok, 128, TruncationPolicy.DROP);
        EncodedData train = enc.encodeAll(conversations(40, 0));
        EncodedData eval = enc.encodeAll(conversations(10, 2));
        assertThat(train.dropped()).isZero();
        TrainingConfig config = TrainingConfig.builder().learningRate(0.1).schedule(ScheduleKind.LINEAR).warmupSteps(3)
                .epochs(4).batchSize(2).gradAccum(2).seqLen(128).evalEvery(5).build();
        TrainingResult r = Trainer.builder().model(new BigramModel(320, 1, 0)).config(config).train(train.examples())
                .eval(eval.examples()).build().run();
        List<StepMetrics> evals = r.metrics().stream().filter(StepMetrics::hasEvalLoss).toList();
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(evals.size()).isGreaterThanOrEqualTo(2);
        assertThat(evals.getLast().evalLoss()).isLessThan(0.5 * evals.getFirst().evalLoss());
    }
}
