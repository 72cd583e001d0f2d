package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.ExportWriter;
import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a version's rows as the studio would train on them, with the dataset export's writers: TRAIN
 * (and unsplit) rows to {@code train.jsonl}, VALIDATION rows to {@code validation.jsonl}; TEST rows are
 * held out, rows whose contributor does not allow TRAIN are never written (only counted, by contributor),
 * and rows without an assistant turn are left out as the studio's trainer leaves them out.
 */
final class BundleRows {

    private static final int PAGE = 1_000;
    private static final int MAX_REASONS = 20;

    /** What was written and what was left out. */
    record Counts(long train, long validation, long testHeldOut, long excluded, Map<String, Long> excludedBy,
            long noAssistantTurn, long skippedByFormat, List<String> skipReasons, Map<String, String> sha256,
            List<Provenance.Contributor> contributors) {
    }

    private BundleRows() {
    }

    /** The writer format each trainer reads: ShareGPT for LLaMA-Factory, OpenAI messages for Axolotl's chat_template. */
    static ExportFormat format(TrainerFormat f) {
        return f == TrainerFormat.LLAMAFACTORY ? ExportFormat.SHAREGPT : ExportFormat.OPENAI;
    }

    static Counts write(DatasetStore store, DatasetVersion version, TrainerFormat trainer, Path dataDir,
            ProgressListener progress, CancellationToken cancel) throws IOException {
        ExportWriter writer = ExportWriter.of(format(trainer), false);
        MessageDigest trainDigest = sha256();
        MessageDigest validationDigest = sha256();
        Path trainFile = dataDir.resolve(TrainerConfigs.TRAIN_FILE);
        Path validationFile = dataDir.resolve(TrainerConfigs.VALIDATION_FILE);
        long train = 0, validation = 0, test = 0, excluded = 0, noAnswer = 0, skipped = 0, done = 0;
        Map<String, Long> excludedBy = new TreeMap<>();
        Map<List<String>, Long> contributors = new TreeMap<>(BundleRows::compareKeys);
        List<String> reasons = new ArrayList<>();
        try (Writer t = open(trainFile, trainDigest); Writer v = open(validationFile, validationDigest)) {
            for (long after = 0; ; ) {
                List<DatasetRow> page = store.versionRowsAfter(version, null, after, PAGE);
                for (DatasetRow row : page) {
                    cancel.throwIfCancellationRequested();
                    done++;
                    if (!row.allowedUses().contains(Use.TRAIN)) {
                        excluded++;
                        excludedBy.merge(String.valueOf(row.contributor()), 1L, Long::sum);
                        continue;
                    }
                    if (row.split() == Split.TEST) {
                        test++;
                        continue;
                    }
                    if (RowConversions.toTraining(row.content()).isEmpty()) {
                        noAnswer++;
                        continue;
                    }
                    boolean isValidation = row.split() == Split.VALIDATION;
                    Optional<String> problem = writer.write(row.content(), isValidation ? v : t);
                    if (problem.isPresent()) {
                        skipped++;
                        if (reasons.size() < MAX_REASONS) {
                            reasons.add("row " + row.rowHash().substring(0, 12) + ": " + problem.get());
                        }
                        continue;
                    }
                    if (isValidation) {
                        validation++;
                    } else {
                        train++;
                    }
                    contributors.merge(List.of(String.valueOf(row.contributor()), String.valueOf(row.licence()),
                            String.join(",", row.allowedUses().stream().map(u -> u.name().toLowerCase(java.util.Locale.ROOT))
                                    .sorted().toList())), 1L, Long::sum);
                }
                progress.onProgress(done, version.rowCount());
                if (page.size() < PAGE) {
                    break;
                }
                after = page.getLast().id();
            }
        }
        Map<String, String> hashes = new TreeMap<>();
        hashes.put(TrainerConfigs.DATA_DIR + "/" + TrainerConfigs.TRAIN_FILE, HexFormat.of().formatHex(trainDigest.digest()));
        if (validation == 0) {
            Files.delete(validationFile);
        } else {
            hashes.put(TrainerConfigs.DATA_DIR + "/" + TrainerConfigs.VALIDATION_FILE,
                    HexFormat.of().formatHex(validationDigest.digest()));
        }
        List<Provenance.Contributor> cs = new ArrayList<>();
        contributors.forEach((k, n) -> cs.add(new Provenance.Contributor(k.get(0), k.get(1),
                k.get(2).isEmpty() ? List.of() : List.of(k.get(2).split(",")), n)));
        return new Counts(train, validation, test, excluded, excludedBy, noAnswer, skipped, reasons, hashes, cs);
    }

    private static int compareKeys(List<String> a, List<String> b) {
        return String.join("\u0000", a).compareTo(String.join("\u0000", b));
    }

    private static Writer open(Path file, MessageDigest digest) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(Files.newOutputStream(file), digest),
                StandardCharsets.UTF_8), 1 << 16);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
