package dev.modelfactory.app.training;

import dev.modelfactory.engine.format.hf.ChatTemplate;
import dev.modelfactory.engine.train.data.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Dataset rows (ledger) to the engine's training conversations: roles by their wire names, content as is. */
public final class RowConversions {

    private RowConversions() {
    }

    /** The row as a training conversation; empty when it has no non-blank assistant turn (raw-text rows). */
    public static Optional<Conversation> toTraining(dev.modelfactory.ledger.dataset.Conversation row) {
        List<ChatTemplate.Message> out = new ArrayList<>();
        boolean answer = false;
        for (Message m : row.messages()) {
            out.add(new ChatTemplate.Message(m.role().wire(), m.content()));
            answer |= m.role() == Role.ASSISTANT && !m.content().isBlank();
        }
        return answer ? Optional.of(new Conversation(out)) : Optional.empty();
    }

    /**
     * The prompt of an evaluation item: the messages before the last assistant turn, and that turn's text
     * (the reference answer); empty when the row has no assistant turn.
     */
    public static Optional<EvalItem> toEval(dev.modelfactory.ledger.dataset.Conversation row) {
        List<Message> ms = row.messages();
        for (int i = ms.size() - 1; i >= 0; i--) {
            if (ms.get(i).role() == Role.ASSISTANT) {
                List<ChatTemplate.Message> prompt = new ArrayList<>();
                for (Message m : ms.subList(0, i)) {
                    prompt.add(new ChatTemplate.Message(m.role().wire(), m.content()));
                }
                return Optional.of(new EvalItem(prompt, ms.get(i).content()));
            }
        }
        return Optional.empty();
    }

    /** A prompt and the answer expected after it. */
    public record EvalItem(List<ChatTemplate.Message> prompt, String expected) {
        public EvalItem {
            prompt = List.copyOf(prompt);
        }
    }
}
