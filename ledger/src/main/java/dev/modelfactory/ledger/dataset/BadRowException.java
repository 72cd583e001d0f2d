package dev.modelfactory.ledger.dataset;

/**
 * Thrown inside the parsers when one record cannot become a row; caught per record and turned into a
 * {@link RejectedRow}, so it never escapes a parser. Carries no stack trace: it is control flow, and
 * a file with a million bad rows must not pay for a million stack walks.
 */
final class BadRowException extends Exception {

    BadRowException(String reason) {
        super(reason, null, false, false);
    }
}
