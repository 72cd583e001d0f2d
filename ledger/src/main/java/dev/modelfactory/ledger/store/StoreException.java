package dev.modelfactory.ledger.store;

/**
 * A workspace database operation failed (SQL error, migration failure). Unchecked: callers above the
 * store cannot repair a database error, only report it; the message says what was being done and
 * the cause carries the JDBC detail.
 */
public final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
