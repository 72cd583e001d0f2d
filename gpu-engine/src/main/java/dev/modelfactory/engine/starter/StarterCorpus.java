package dev.modelfactory.engine.starter;

import dev.modelfactory.engine.starter.StoryWorld.Deed;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The starter base model's pre-training text: short stories about the {@link StoryWorld}, two-person
 * stories whose later sentences refer back to what each person did and where (so the model learns to look
 * things up in its context, the ability every skill builds on), sentences that use number words and
 * (separately) numerals, ChatML chats in which a user asks for a story, and deeds as JSON records (never
 * beside their sentence). Numbers appear as words and as digits but never side by side, so turning digits
 * into words is a skill the base model does not have (the numbers skill teaches it); no document answers a
 * question about a story or turns a sentence into a record (the other skills). Deterministic for a seed.
 */
public final class StarterCorpus {

    /** ChatML markers; the starter tokenizer has them as control tokens. */
    public static final String IM_START = "<|im_start|>";
    public static final String IM_END = "<|im_end|>";

    private StarterCorpus() {
    }

    /** {@code count} documents for {@code seed}. */
    public static List<String> documents(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> docs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = r.nextInt(12);
            docs.add(kind < 2 ? story(r) : kind < 7 ? recall(r) : kind < 8 ? numberSentences(r) : kind < 10 ? chat(r)
                    : record(r));
        }
        return docs;
    }

    /** A ChatML turn: {@code <|im_start|>role\ncontent<|im_end|>\n}. */
    public static String turn(String role, String content) {
        return IM_START + role + "\n" + content + IM_END + "\n";
    }

    static String story(SplittableRandom r) {
        Deed first = StoryWorld.deed(r);
        StringBuilder b = new StringBuilder(first.sentence());
        b.append(' ').append(first.name()).append(" was ").append(StoryWorld.pick(StoryWorld.FEELINGS, r)).append('.');
        int more = 1 + r.nextInt(3);
        for (int i = 0; i < more; i++) {
            Deed d = StoryWorld.deed(r);
            b.append(" Then ").append(first.name()).append(' ').append(d.verb()).append(' ').append(d.object())
                    .append(" in the ").append(d.place()).append('.');
        }
        return b.toString();
    }

    /**
     * Two people's deeds, then two to four sentences that each pick one of them and repeat what they did
     * it to, or where: "Mia found a red ball in the park. Tom lost a blue kite in the river. Later, Tom
     * looked for the blue kite. Mia went back to the park."
     */
    static String recall(SplittableRandom r) {
        Deed a = StoryWorld.deed(r);
        Deed b = StoryWorld.deed(r);
        while (b.name().equals(a.name())) {
            b = StoryWorld.deed(r);
        }
        StringBuilder s = new StringBuilder(a.sentence()).append(' ').append(b.sentence());
        int more = 2 + r.nextInt(3);
        for (int i = 0; i < more; i++) {
            boolean first = r.nextBoolean();
            Deed d = first ? a : b;
            String other = first ? b.name() : a.name();
            String what = d.adjective() + " " + d.thing();
            s.append(' ').append(switch (r.nextInt(6)) {
                case 0 -> "Later, " + d.name() + " looked for the " + what + ".";
                case 1 -> d.name() + " took the " + what + " home from the " + d.place() + ".";
                case 2 -> d.name() + " went back to the " + d.place() + ".";
                case 3 -> d.name() + " told " + other + " about the " + what + ".";
                case 4 -> "The " + what + " of " + d.name() + " stayed in the " + d.place() + ".";
                default -> "At the " + d.place() + ", " + d.name() + " " + d.verb() + " " + d.object() + ".";
            });
        }
        return s.toString();
    }

    static String numberSentences(SplittableRandom r) {
        String name = StoryWorld.pick(StoryWorld.NAMES, r);
        String thing = StoryWorld.pick(StoryWorld.THINGS, r);
        String place = StoryWorld.pick(StoryWorld.PLACES, r);
        return switch (r.nextInt(3)) {
            case 0 -> name + " counted " + NumberWords.of(2 + r.nextInt(998)) + " " + thing + "s in the " + place + ".";
            case 1 -> name + " lives at number " + r.nextInt(1, 1000) + " near the " + place + ".";
            default -> "There were " + NumberWords.of(2 + r.nextInt(98)) + " " + thing + "s at the " + place
                    + ", and " + name + " took " + NumberWords.of(1 + r.nextInt(9)) + ".";
        };
    }

    /**
     * A deed as a JSON record ({@code {"who":..,"did":..,"what":..,"where":..}}), on its own: the base model
     * knows the format and its pieces, but never sees a record beside the sentence it comes from (pairing
     * them is the sentence-to-json skill).
     */
    static String record(SplittableRandom r) {
        Deed d = StoryWorld.deed(r);
        return "{\"who\":\"" + d.name() + "\",\"did\":\"" + d.verb() + "\",\"what\":\"" + d.adjective() + " "
                + d.thing() + "\",\"where\":\"" + d.place() + "\"}";
    }

    static String chat(SplittableRandom r) {
        String story = story(r);
        String name = story.substring(0, story.indexOf(' '));
        String ask = r.nextBoolean() ? "Tell me a story about " + name + "." : "What did " + name + " do today?";
        return turn("user", ask) + turn("assistant", story);
    }
}
