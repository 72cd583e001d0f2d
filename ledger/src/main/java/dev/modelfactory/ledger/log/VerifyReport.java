package dev.modelfactory.ledger.log;

import java.util.List;
import java.util.Optional;

/**
 * The result of walking the log.
 *
 * @param checked how many entries were checked (up to and including the first bad one)
 * @param firstBad the first entry whose content, signature or link is wrong, if any
 */
public record VerifyReport(long checked, Optional<BadEntry> firstBad) {

    /** Whether every entry checked out. */
    public boolean ok() {
        return firstBad.isEmpty();
    }

    /**
     * An entry that failed.
     *
     * @param seq      its seq
     * @param problems what is wrong, e.g. {@code "link: prev_hash is not entry 3's hash"}; each starts with
     *                 {@code content:}, {@code signature:}, {@code link:} or {@code hash:}
     */
    public record BadEntry(long seq, List<String> problems) {
        public BadEntry {
            problems = List.copyOf(problems);
        }
    }
}
