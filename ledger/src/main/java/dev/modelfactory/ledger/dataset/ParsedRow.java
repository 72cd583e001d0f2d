package dev.modelfactory.ledger.dataset;

import java.util.Objects;

/**
 * A record that parsed into a row.
 *
 * @param row         the canonical row
 * @param source      where it came from
 * @param contributor the contributor named by the record itself (a CSV column or JSON field chosen
 *                    with {@link ParseOptions#contributorField()}), or null to use the import's default
 */
public record ParsedRow(Conversation row, SourceRef source, String contributor) {

    public ParsedRow {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(source, "source");
    }
}
