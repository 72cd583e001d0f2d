package dev.modelfactory.ledger.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic Alpaca JSONL with lengths like the Alpaca-52k set (instruction 4..24 words,
 * input empty in 60 % of rows else 4..40 words, output 1..160 words with a mean near 45), and planted
 * curation cases: 2 % exact duplicates (an earlier row with case and spacing changed), 2 %
 * near-duplicates (an earlier row with one output word replaced), 0.5 % rows with an email address.
 * The same seed and row count give the same bytes.
 */
final class AlpacaGenerator {

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ra", "to", "su", "ve", "da", "pi", "gor", "len",
        "mar", "tis", "bel", "con", "der", "fal", "hum", "jor", "pel", "quin", "ros", "sta", "tur", "vin", "wes", "zan"};
    private static final String[] COMMON = {"the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with",
        "on", "by", "this", "be", "are", "from", "or", "an", "which", "can", "more", "their", "about", "how", "what"};
    private static final String[] VERBS = {"Explain", "Describe", "Summarise", "Write", "List", "Compare", "Give",
        "Translate", "Classify", "Suggest", "Rewrite", "Name"};

    private final SplittableRandom rnd;
    private final String[] vocabulary;

    AlpacaGenerator(long seed) {
        this.rnd = new SplittableRandom(seed);
        this.vocabulary = new String[20_000];
        for (int i = 0; i < vocabulary.length; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 0, n = 1 + rnd.nextInt(3); s < n; s++) {
                w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
            vocabulary[i] = w.toString();
        }
    }

    /** A record as the three strings instruction, input, output. */
    private record Row(String instruction, String input, String output) {
    }

    void write(Path file, int rows) throws IOException {
        List<Row> recent = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < rows; i++) {
                double p = rnd.nextDouble();
                Row row;
                if (p < 0.02 && !recent.isEmpty()) {
                    Row of = recent.get(rnd.nextInt(recent.size()));
                    row = new Row(of.instruction().toUpperCase(java.util.Locale.ROOT), of.input(), "  " + of.output() + " ");
                } else if (p < 0.04 && !recent.isEmpty()) {
                    Row of = recent.get(rnd.nextInt(recent.size()));
                    String[] words = of.output().split(" ");
                    words[rnd.nextInt(words.length)] = "changed";
                    row = new Row(of.instruction(), of.input(), String.join(" ", words));
                } else {
                    String output = sentence(1 + (int) Math.min(159, -45 * Math.log(1 - rnd.nextDouble())));
                    if (p < 0.045) {
                        output += " Contact " + vocabulary[rnd.nextInt(1000)] + "@example.org for details.";
                    }
                    row = new Row(VERBS[rnd.nextInt(VERBS.length)] + " " + sentence(3 + rnd.nextInt(21)),
                            rnd.nextDouble() < 0.6 ? "" : sentence(4 + rnd.nextInt(37)), output);
                }
                if (recent.size() < 5_000) {
                    recent.add(row);
                } else {
                    recent.set(rnd.nextInt(recent.size()), row);
                }
                w.write("{\"instruction\":\"" + row.instruction() + "\",\"input\":\"" + row.input() + "\",\"output\":\""
                        + row.output() + "\"}\n");
            }
        }
    }

    /** Words with an occasional comma, ending in a full stop (text free of JSON escapes). */
    private String sentence(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append(rnd.nextInt(12) == 0 ? ", " : " ");
            }
            sb.append(rnd.nextInt(3) == 0 ? COMMON[rnd.nextInt(COMMON.length)] : vocabulary[rnd.nextInt(vocabulary.length)]);
        }
        return sb.append('.').toString();
    }
}
