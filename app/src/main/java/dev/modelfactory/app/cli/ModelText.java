package dev.modelfactory.app.cli;

import dev.modelfactory.ledger.store.ModelRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How models print: a table row, a detail block, and the JSON shape. */
final class ModelText {

    private ModelText() {
    }

    static String row(ModelRecord m) {
        return String.format(Locale.ROOT, "%-12s  %-28s  %-8s  %8s  %-10s  %7s  %9s  %s", m.shortId(), clip(m.name(), 28),
                m.architecture(), count(m.parameterCount()), clip(m.quantisation(), 10), m.contextLength(),
                bytes(m.sizeBytes()), m.mode().name().toLowerCase(Locale.ROOT));
    }

    static String header() {
        return String.format(Locale.ROOT, "%-12s  %-28s  %-8s  %8s  %-10s  %7s  %9s  %s", "ID", "NAME", "ARCH", "PARAMS",
                "QUANT", "CONTEXT", "SIZE", "MODE");
    }

    static String details(ModelRecord m) {
        return String.join("\n",
                "id            " + m.id(),
                "name          " + m.name(),
                "format        " + m.format(),
                "architecture  " + m.architecture(),
                "parameters    " + count(m.parameterCount()) + " (" + m.parameterCount() + ")",
                "quantisation  " + m.quantisation(),
                "context       " + m.contextLength() + " tokens",
                "size          " + bytes(m.sizeBytes()) + " (" + m.sizeBytes() + " bytes)",
                "mode          " + m.mode().name().toLowerCase(Locale.ROOT),
                "location      " + m.location(),
                "imported      " + m.importedAt());
    }

    static Map<String, Object> json(ModelRecord m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", m.id());
        j.put("name", m.name());
        j.put("format", m.format());
        j.put("architecture", m.architecture());
        j.put("parameterCount", m.parameterCount());
        j.put("quantisation", m.quantisation());
        j.put("contextLength", m.contextLength());
        j.put("sizeBytes", m.sizeBytes());
        j.put("mode", m.mode().name().toLowerCase(Locale.ROOT));
        j.put("location", m.location().toString());
        j.put("importedAt", m.importedAt().toString());
        return j;
    }

    /** 1234 -> "1.2 K", 1_100_000_000 -> "1.1 B". */
    static String count(long n) {
        if (n < 1_000) {
            return Long.toString(n);
        }
        String[] units = {"K", "M", "B", "T"};
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
