package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.ExportFormat;
import dev.modelfactory.ledger.dataset.Split;
import java.util.Objects;

/**
 * How to export rows. Build with {@link #builder(ExportFormat)}; defaults: every split, rows a format
 * cannot express are skipped and reported (not strict).
 *
 * @param format the file format
 * @param split  only the rows of this split, or null for all
 * @param strict fail (writing nothing) if any row cannot be expressed in the format, instead of skipping it
 */
public record ExportOptions(ExportFormat format, Split split, boolean strict) {

    public ExportOptions {
        Objects.requireNonNull(format, "format");
    }

    public static Builder builder(ExportFormat format) {
        return new Builder(format);
    }

    /** Builds {@link ExportOptions}. */
    public static final class Builder {
        private final ExportFormat format;
        private Split split;
        private boolean strict;

        private Builder(ExportFormat format) {
            this.format = format;
        }

        public Builder split(Split s) {
            this.split = s;
            return this;
        }

        public Builder strict(boolean s) {
            this.strict = s;
            return this;
        }

        public ExportOptions build() {
            return new ExportOptions(format, split, strict);
        }
    }
}
