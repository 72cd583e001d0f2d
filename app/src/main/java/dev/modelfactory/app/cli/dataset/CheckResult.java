package dev.modelfactory.app.cli.dataset;

import java.util.Map;

/**
 * What a {@link DatasetCheck} found.
 *
 * @param flaggedRows rows the check flags (0 = nothing found)
 * @param summary     one line for people, e.g. {@code 3 groups, 5 redundant rows}
 * @param details     check-specific figures and row ids for JSON (values must serialise as JSON)
 * @param fix         the command that fixes it, or null
 */
public record CheckResult(long flaggedRows, String summary, Map<String, Object> details, String fix) {

    public CheckResult {
        details = Map.copyOf(details);
    }
}
