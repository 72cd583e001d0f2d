package dev.modelfactory.engine.generate;

/** Asked between steps of long work; once it says cancelled, the work stops at the next check. */
@FunctionalInterface
public interface CancellationToken {

    boolean isCancelled();

    /** A token that never cancels. */
    static CancellationToken never() {
        return () -> false;
    }
}
