package dev.modelfactory.app.training;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Dataset "mixed" of two contributors, both allowing training: "easy", whose answers are one repeated
 * sentence (tag "rep"), and "hard", whose answers are random letters (tag "noise"); frozen 80/20
 * train/validation.
 */
public final class ContributorTestData {

    public static final int ROWS = 40;

    private ContributorTestData() {
    }

    /** Creates and freezes dataset "mixed" in the open workspace; {@code scratch} holds the import files. */
    public static void mixedDataset(Workspace ws, Path scratch) throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        List<String> easy = new ArrayList<>();
        List<String> hard = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            easy.add(row("Is a cat number " + i + " an animal?", "a cat is an animal", "rep"));
            StringBuilder noise = new StringBuilder();
            for (int j = 0; j < 14; j++) {
                noise.append((char) ('a' + r.nextInt(26)));
            }
            hard.add(row("Is a rose number " + i + " a plant?", noise.toString(), "noise"));
        }
        DatasetStore ds = new DatasetStore(ws);
        long id = ds.create("mixed", "easy and hard rows").id();
        for (String who : List.of("easy", "hard")) {
            Path f = scratch.resolve(who + ".jsonl");
            Files.writeString(f, String.join("\n", who.equals("easy") ? easy : hard) + "\n");
            ds.importFile(id, f, ImportOptions.builder().format(DatasetFormat.ALPACA).contributor(who)
                    .licence("CC-BY-4.0").allowedUses(Set.of(Use.TRAIN, Use.EVAL)).build(), ProgressListener.NONE,
                    CancellationToken.NONE);
        }
        ds.freeze(id, new FreezeOptions("v1", new SplitSpec(0.8, 0.2, 0.0, 7)));
    }

    private static String row(String q, String a, String tag) {
        return "{\"instruction\": \"" + q + "\", \"input\": \"\", \"output\": \"" + a + "\", \"tags\": [\"" + tag
                + "\"]}";
    }
}
