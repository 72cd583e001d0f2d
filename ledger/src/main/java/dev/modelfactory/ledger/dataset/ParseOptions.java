package dev.modelfactory.ledger.dataset;

/**
 * How to read records beyond their format.
 *
 * @param mapping          CSV/TSV column to field mapping; null to guess it from the header
 * @param contributorField a CSV column or top-level JSON field naming each row's contributor; null if
 *                         the import names one contributor for all rows
 */
public record ParseOptions(ColumnMapping mapping, String contributorField) {

    /** No mapping (guess from the header) and no per-row contributor. */
    public static final ParseOptions DEFAULT = new ParseOptions(null, null);
}
