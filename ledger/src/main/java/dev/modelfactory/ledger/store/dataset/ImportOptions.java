package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Contributors;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.Use;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to import one file. Build with {@link #builder()}; defaults: format detected, header-guessed CSV
 * mapping, no contributor, no licence, uses {TRAIN, EVAL}, batches of {@value #DEFAULT_BATCH_SIZE}
 * rows, duplicates within the file kept (and counted).
 *
 * @param format               the format, or null to detect it ({@link dev.modelfactory.ledger.dataset.FormatDetector})
 * @param parse                CSV column mapping and the per-row contributor column/field
 * @param contributor          contributor of every row without its own (canonical, see {@link Contributors}), or null
 * @param licence              SPDX id (e.g. {@code CC-BY-4.0}) or custom licence text, or null
 * @param allowedUses          what the contributor allows
 * @param batchSize            rows per transaction: a cancel or crash keeps whole batches only
 * @param skipDuplicatesInFile leave out rows whose normalised hash already occurred earlier in this file
 */
public record ImportOptions(DatasetFormat format, ParseOptions parse, String contributor, String licence,
                            Set<Use> allowedUses, int batchSize, boolean skipDuplicatesInFile) {

    /** Rows per transaction unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 2_000;

    public ImportOptions {
        Objects.requireNonNull(parse, "parse");
        contributor = contributor == null ? null : Contributors.canonical(contributor);
        if (licence != null && (licence.isBlank() || licence.length() > 500)) {
            throw new IllegalArgumentException("a licence is an SPDX id or text of 1..500 characters");
        }
        allowedUses = Set.copyOf(allowedUses);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ImportOptions}. */
    public static final class Builder {
        private DatasetFormat format;
        private ParseOptions parse = ParseOptions.DEFAULT;
        private String contributor;
        private String licence;
        private Set<Use> allowedUses = EnumSet.of(Use.TRAIN, Use.EVAL);
        private int batchSize = DEFAULT_BATCH_SIZE;
        private boolean skipDuplicatesInFile;

        private Builder() {
        }

        public Builder format(DatasetFormat f) {
            this.format = f;
            return this;
        }

        public Builder parse(ParseOptions p) {
            this.parse = p;
            return this;
        }

        public Builder contributor(String c) {
            this.contributor = c;
            return this;
        }

        public Builder licence(String l) {
            this.licence = l;
            return this;
        }

        public Builder allowedUses(Set<Use> uses) {
            this.allowedUses = uses;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder skipDuplicatesInFile(boolean skip) {
            this.skipDuplicatesInFile = skip;
            return this;
        }

        public ImportOptions build() {
            return new ImportOptions(format, parse, contributor, licence, allowedUses, batchSize, skipDuplicatesInFile);
        }
    }
}
