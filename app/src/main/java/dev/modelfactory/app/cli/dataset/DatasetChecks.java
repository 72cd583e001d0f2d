package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.EmptyRows;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks {@code dataset check} runs, in order. Today: exact duplicates and empty conversations;
 * further checks (near-duplicates, PII, token length, ...) are added to {@link #all()} as their store
 * calls land.
 */
public final class DatasetChecks {

    private DatasetChecks() {
    }

    /** Every check, in the order they run and print. */
    public static List<DatasetCheck> all() {
        return List.of(new ExactDuplicates(), new EmptyConversations());
    }

    /** Rows whose normalised text repeats another row's (among rows not rejected). */
    static final class ExactDuplicates implements DatasetCheck {
        @Override
        public String id() {
            return "exact-duplicates";
        }

        @Override
        public String title() {
            return "exact duplicates (same normalised text)";
        }

        @Override
        public CheckResult run(DatasetStore store, DatasetInfo dataset, ProgressListener progress) {
            DuplicateSummary d = store.duplicates(dataset.id());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("groups", d.groups());
            details.put("redundantRows", d.redundantRows());
            details.put("crossContributorGroups", d.crossContributorGroups());
            String summary = d.groups() == 0 ? "none" : String.format(Locale.ROOT,
                    "%,d %s, %,d redundant %s (%,d across contributors)", d.groups(), d.groups() == 1 ? "group" : "groups",
                    d.redundantRows(), d.redundantRows() == 1 ? "row" : "rows", d.crossContributorGroups());
            return new CheckResult(d.redundantRows(), summary, details,
                    d.groups() == 0 ? null : "modelfactory dataset dedupe " + quoted(dataset.name()));
        }
    }

    /** Rows with nothing to train on (every message and the text blank). */
    static final class EmptyConversations implements DatasetCheck {
        @Override
        public String id() {
            return "empty-conversations";
        }

        @Override
        public String title() {
            return "empty conversations";
        }

        @Override
        public CheckResult run(DatasetStore store, DatasetInfo dataset, ProgressListener progress) {
            EmptyRows e = store.emptyRows(dataset.id(), progress, CancellationToken.NONE);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("scanned", e.scanned());
            details.put("rowIds", e.rowIds());
            return new CheckResult(e.count(), e.count() == 0 ? "none" : String.format(Locale.ROOT, "%,d rows", e.count()),
                    details, null);
        }
    }

    static String quoted(String name) {
        return name.matches("[A-Za-z0-9._@/-]+") ? name : "'" + name.replace("'", "'\\''") + "'";
    }
}
