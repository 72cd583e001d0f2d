package dev.modelfactory.engine.starter;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The closed world the starter corpus and skills talk about. A {@link Deed} is one event: who did what to
 * which thing, where; every sentence of the corpus and every skill item is built from deeds, so the base
 * model knows the words the skills use.
 */
public final class StoryWorld {

    static final List<String> NAMES = List.of("Mia", "Tom", "Lena", "Ravi", "Omar", "Yuki", "Sara", "Ben", "Ada",
            "Noah", "Ivy", "Leo");
    static final List<String> ADJECTIVES = List.of("red", "blue", "green", "yellow", "small", "big", "old", "new",
            "shiny", "soft");
    static final List<String> THINGS = List.of("ball", "kite", "boat", "hat", "book", "cup", "box", "drum", "lamp",
            "shell", "apple", "key");
    static final List<String> PLACES = List.of("park", "garden", "river", "school", "market", "forest", "kitchen",
            "beach", "library", "hill");
    static final List<String> VERBS = List.of("found", "lost", "painted", "carried", "dropped", "washed", "hid",
            "bought", "fixed", "shared");
    static final List<String> FEELINGS = List.of("happy", "tired", "surprised", "proud", "sleepy", "glad");

    /** One event of the world. */
    public record Deed(String name, String verb, String adjective, String thing, String place) {

        /** "Mia found a red ball in the park." */
        public String sentence() {
            return name + " " + verb + " " + article(adjective) + " " + adjective + " " + thing + " in the " + place + ".";
        }

        /** "a red ball" */
        public String object() {
            return article(adjective) + " " + adjective + " " + thing;
        }
    }

    private StoryWorld() {
    }

    static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    public static Deed deed(RandomGenerator r) {
        return new Deed(pick(NAMES, r), pick(VERBS, r), pick(ADJECTIVES, r), pick(THINGS, r), pick(PLACES, r));
    }

    static <T> T pick(List<T> list, RandomGenerator r) {
        return list.get(r.nextInt(list.size()));
    }
}
