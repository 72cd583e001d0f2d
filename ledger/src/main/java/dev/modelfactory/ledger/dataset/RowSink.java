package dev.modelfactory.ledger.dataset;

/**
 * Receives a parser's output one record at a time, in file order: good rows and rejects interleaved.
 *
 * <p>A sink may throw (e.g. {@link java.util.concurrent.CancellationException}) to stop the parse;
 * the parser closes its file and lets the exception through.
 */
public interface RowSink {

    /** A record that parsed into a row. */
    void accept(ParsedRow row);

    /** A record that did not; parsing goes on with the next record where the format allows. */
    void reject(RejectedRow rejected);
}
