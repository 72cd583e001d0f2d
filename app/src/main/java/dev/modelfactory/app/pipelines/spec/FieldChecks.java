package dev.modelfactory.app.pipelines.spec;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Type checks of field values; each problem goes to {@code report} as (line, message). */
final class FieldChecks {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    private FieldChecks() {
    }

    /** Checks {@code n} against {@code type}; false (and a report) when it does not fit. */
    static boolean check(YNode n, FieldType type, BiConsumer<Integer, String> report) {
        boolean ok = switch (type) {
            case TEXT -> n instanceof YNode.YScalar s && !s.isNull();
            case NUMBER -> n instanceof YNode.YScalar s && number(s);
            case INTEGER -> n instanceof YNode.YScalar s && integer(s);
            case BOOLEAN -> n instanceof YNode.YScalar s && s.value() instanceof Boolean;
            case TEXT_LIST -> n instanceof YNode.YScalar s && !s.isNull()
                    || n instanceof YNode.YList l && l.items().stream().allMatch(i -> i instanceof YNode.YScalar s
                            && !s.isNull());
            case NUMBER_LIST -> n instanceof YNode.YList l && l.items().stream().allMatch(i -> i instanceof YNode.YScalar s
                    && number(s));
            case REF -> n instanceof YNode.YScalar s && s.value() instanceof String t && Refs.stepRef(t).isPresent();
            case SYSTEMS -> n instanceof YNode.YMap m && !m.entries().isEmpty() && m.entries().values().stream()
                    .allMatch(v -> v instanceof YNode.YScalar s && s.value() instanceof String t
                            && (t.strip().equals("base") || t.strip().equals("best") || Refs.stepRef(t).isPresent()));
        };
        if (!ok) {
            report.accept(n.line(), "expected " + type.expected() + ", got " + describe(n));
        } else if (type == FieldType.TEXT && n instanceof YNode.YScalar s && s.value() instanceof String t) {
            if (Refs.STEP_REF.matcher(t).find()) {
                report.accept(n.line(), "a step reference " + t.strip() + " is not allowed here (only in fields that"
                        + " take an earlier step's output)");
                return false;
            }
            var unknown = Refs.unknownVariable(t);
            if (unknown.isPresent()) {
                report.accept(n.line(), "unknown variable " + unknown.get() + " (known: ${" + String.join("}, ${",
                        Refs.VARIABLES) + "})");
                return false;
            }
        }
        return ok;
    }

    static boolean number(YNode.YScalar s) {
        if (s.value() instanceof Number) {
            return true;
        }
        if (s.value() instanceof String t) {
            try {
                Double.parseDouble(t.strip());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    static boolean integer(YNode.YScalar s) {
        if (s.value() instanceof Integer || s.value() instanceof Long || s.value() instanceof java.math.BigInteger) {
            return true;
        }
        if (s.value() instanceof String t) {
            try {
                Long.parseLong(t.strip());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    static double numberValue(YNode n) {
        Object v = ((YNode.YScalar) n).value();
        return v instanceof Number x ? x.doubleValue() : Double.parseDouble(v.toString().strip());
    }

    /** "30s", "15m", "24h", "7d"; null when it is none of those. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static String describe(YNode n) {
        return switch (n) {
            case YNode.YMap m -> "a mapping";
            case YNode.YList l -> "a list";
            case YNode.YScalar s when s.isNull() -> "nothing";
            case YNode.YScalar s when s.value() instanceof String t -> "'" + abbreviate(t) + "'";
            case YNode.YScalar s -> s.text();
        };
    }

    private static String abbreviate(String t) {
        return t.length() > 40 ? t.substring(0, 37) + "..." : t;
    }

    /** Names of {@code known} for an unknown-field message. */
    static String known(List<String> known) {
        return String.join(", ", known.stream().sorted().toList());
    }
}
