package dev.modelfactory.app.pipelines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline small enough for the studio tests (no model, no training): import twenty Alpaca rows made here,
 * check them, freeze a version, wait for approval. Written into {@code dir} with its rows.
 */
final class TinyPipeline {

    static final String NAME = "curate";

    private TinyPipeline() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> rows = new ArrayList<>();
        for (String a : new String[] {"cat", "dog", "horse", "mouse", "tiger", "sheep", "goat", "bear", "wolf", "fox"}) {
            rows.add(row("Is a " + a + " an animal or a plant?", "animal"));
        }
        for (String p : new String[] {"rose", "oak", "tulip", "fern", "moss", "pine", "daisy", "maple", "ivy", "lily"}) {
            rows.add(row("Is a " + p + " an animal or a plant?", "plant"));
        }
        Files.write(dir.resolve("rows.jsonl"), rows);
        return Files.writeString(dir.resolve("curate.yaml"), """
                name: curate
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                      uses: [train, evaluate]
                  - check:
                      dataset: ${import.dataset}
                      near_duplicates: false
                      min_rows: 10
                  - freeze:
                      dataset: ${check.dataset}
                      split: [0.6, 0.2, 0.2]
                  - approve:
                      subject: ${freeze.version}
                      message: ship these rows?
                """);
    }

    /** A file with a misspelt step kind on line 4. */
    static Path writeBroken(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("broken.yaml"), """
                name: broken
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                  - frezze:
                      dataset: ${import.dataset}
                """);
    }

    private static String row(String q, String a) {
        return "{\"instruction\": \"" + q + "\", \"input\": \"\", \"output\": \"" + a + "\"}";
    }
}
