package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a parser emits, for assertions. */
final class CollectingSink implements RowSink {

    final List<ParsedRow> rows = new ArrayList<>();
    final List<RejectedRow> rejects = new ArrayList<>();

    @Override
    public void accept(ParsedRow row) {
        rows.add(row);
    }

    @Override
    public void reject(RejectedRow rejected) {
        rejects.add(rejected);
    }

    List<Conversation> conversations() {
        return rows.stream().map(ParsedRow::row).toList();
    }

    /** Each reject as {@code line: reason}. */
    List<String> rejectLines() {
        return rejects.stream().map(r -> r.source().line() + ": " + r.reason()).toList();
    }
}
