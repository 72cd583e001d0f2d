package dev.modelfactory.engine.starter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.starter.StoryWorld.Deed;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The starter kit's demo datasets. Each item is unique within its skill (no two items share their input
 * and instruction), so any split of a dataset leaves test items the adapter never saw.
 */
public final class SkillSets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SkillSets() {
    }

    /** Every demo dataset, deterministic for {@code seed}. */
    public static List<Skill> all(long seed) {
        return List.of(numbers(seed), questions(seed + 1, 600), toJson(seed + 2, 600), heldOutQuestions(seed + 3, 150));
    }

    /** Digits to words, 0..999 once each: the base model has seen both forms, never paired. */
    public static Skill numbers(long seed) {
        List<Integer> ns = new ArrayList<>();
        for (int n = 0; n < 1000; n++) {
            ns.add(n);
        }
        shuffle(ns, new SplittableRandom(seed));
        List<SkillItem> items = ns.stream()
                .map(n -> new SkillItem("Write the number in words.", Integer.toString(n), NumberWords.of(n))).toList();
        return new Skill("numbers-in-words", "Writes a number given in digits as English words.", "Ada Okafor",
                "CC-BY-4.0", Set.of("train", "evaluate", "commercial"), items);
    }

    /** Reading comprehension over a two-sentence story: what someone did something to, or where. */
    public static Skill questions(long seed, int count) {
        return new Skill("story-questions", "Answers a question about a short story with the exact phrase from it.",
                "Chen Wei", "Apache-2.0", Set.of("train", "evaluate", "commercial"), questionItems(seed, count));
    }

    /** The same kind of questions from a contributor who allows evaluation only. */
    public static Skill heldOutQuestions(long seed, int count) {
        return new Skill("story-questions-eval", "Questions for evaluation only: excluded from training by permission.",
                "Eve Moreau", "LicenseRef-evaluation-only", Set.of("evaluate"), questionItems(seed, count));
    }

    /** A sentence about a deed to a JSON object with keys who, did, what, where. */
    public static Skill toJson(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<SkillItem> items = new ArrayList<>();
        while (items.size() < count) {
            Deed d = StoryWorld.deed(r);
            if (!seen.add(d.sentence())) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("who", d.name());
            fields.put("did", d.verb());
            fields.put("what", d.adjective() + " " + d.thing());
            fields.put("where", d.place());
            items.add(new SkillItem("Turn the sentence into JSON with the keys who, did, what and where.",
                    d.sentence(), json(fields)));
        }
        return new Skill("sentence-to-json", "Extracts who did what where from a sentence as compact JSON.",
                "Dana Levi", "CC-BY-SA-4.0", Set.of("train", "evaluate"), items);
    }

    private static List<SkillItem> questionItems(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        Set<String> seen = new HashSet<>();
        List<SkillItem> items = new ArrayList<>();
        while (items.size() < count) {
            Deed a = StoryWorld.deed(r);
            Deed b = StoryWorld.deed(r);
            if (a.name().equals(b.name())) {
                continue; // the question must name one person of the story unambiguously
            }
            Deed asked = r.nextBoolean() ? a : b;
            boolean where = r.nextBoolean();
            String question = where
                    ? "Where did " + asked.name() + " go with the " + asked.thing() + "?"
                    : "What did " + asked.name() + " " + base(asked.verb()) + "?";
            String story = a.sentence() + " " + b.sentence();
            if (seen.add(story + question)) {
                items.add(new SkillItem(question, story, where ? "the " + asked.place() : asked.object()));
            }
        }
        return items;
    }

    /** found -> find, ... : the question form of the world's verbs. */
    static String base(String past) {
        return switch (past) {
            case "found" -> "find";
            case "lost" -> "lose";
            case "painted" -> "paint";
            case "carried" -> "carry";
            case "dropped" -> "drop";
            case "washed" -> "wash";
            case "hid" -> "hide";
            case "bought" -> "buy";
            case "fixed" -> "fix";
            case "shared" -> "share";
            default -> throw new IllegalArgumentException("no base form for '" + past + "'");
        };
    }

    /**
     * Writes the skill as Alpaca JSONL ({@code instruction}, {@code input}, {@code output}, {@code tags}),
     * atomically.
     */
    public static void writeAlpaca(Skill skill, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (SkillItem item : skill.items()) {
                ObjectNode row = JSON.createObjectNode();
                row.put("instruction", item.instruction());
                row.put("input", item.input());
                row.put("output", item.output());
                row.putArray("tags").add(skill.name());
                w.write(JSON.writeValueAsString(row));
                w.write('\n');
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String json(Map<String, String> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static <T> void shuffle(List<T> list, SplittableRandom r) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
