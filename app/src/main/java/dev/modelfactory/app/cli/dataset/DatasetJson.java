package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of versions and history entries, shared by several commands. */
final class DatasetJson {

    private DatasetJson() {
    }

    static Map<String, Object> version(DatasetVersion v) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("root", v.root());
        j.put("label", v.label());
        j.put("rows", v.rowCount());
        j.put("createdAt", v.createdAt().toString());
        j.put("parent", v.parentRoot().orElse(null));
        v.split().ifPresent(s -> j.put("split", Map.of("train", s.train(), "validation", s.validation(), "test", s.test(),
                "seed", s.seed())));
        return j;
    }

    static String versionLine(DatasetVersion v) {
        return String.format(Locale.ROOT, "%s  %,10d rows  %s  %s", v.shortRoot(), v.rowCount(), v.createdAt(),
                v.label() == null ? "" : v.label());
    }

    static Map<String, Object> entry(HistoryEntry e) {
        if (e == null) {
            return null;
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", e.id());
        j.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        j.put("description", e.description());
        j.put("parameters", e.parameters());
        j.put("rows", e.rowCount());
        j.put("actor", e.actor());
        j.put("at", e.at().toString());
        j.put("undone", e.undone());
        return j;
    }
}
