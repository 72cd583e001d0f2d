package dev.modelfactory.ledger.dataset;

import java.util.Objects;

/**
 * A record that was not imported, and why, e.g. {@code missing required field 'output'}.
 *
 * @param source where the record starts
 * @param reason one line a user can act on
 */
public record RejectedRow(SourceRef source, String reason) {

    public RejectedRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return source.file() + ":" + source.line() + ": " + reason;
    }
}
