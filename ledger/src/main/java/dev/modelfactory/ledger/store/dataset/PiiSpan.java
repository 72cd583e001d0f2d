package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.check.PiiKind;

/**
 * A stored PII finding of a row, to highlight: {@code field} is the message index (or -1 for the raw
 * text) and {@code start..end} the UTF-16 span in that field's content.
 */
public record PiiSpan(long rowId, PiiKind kind, int field, int start, int end) {
}
