-- V5: a faster import path, and per-row curation flags (see ledger.store.dataset.check).
--
-- Why the norm_key index goes: hashes are random, so every batch of an import dirtied pages all over
-- the index; on a 1,000,000-row import it doubled the CPU time and made the file 5x larger (2.0 GB
-- against 0.4 GB; measured, see docs/benchmarks/datasets.md). Exact-duplicate lookups now go through
-- dataset_dup, which holds only the rows whose key occurs more than once in their dataset and is
-- rebuilt after each import in one sorted pass (ExactDuplicates).
DROP INDEX dataset_row_norm_key;
-- Instead, an index in insertion order (ids only grow, so an import appends to its end and touches one
-- leaf page per batch): it gives keyset paging over one dataset's rows (WHERE dataset_id = ? AND id > ?,
-- which the foreign-key index on dataset_id alone cannot range over) and covers the duplicate pass,
-- which then reads 8-byte keys instead of whole rows.
CREATE INDEX dataset_row_keys ON dataset_row (dataset_id, id, norm_key);

-- Row references cascade on delete, so deleting rows or a dataset needs no knowledge of these tables.

-- Rows whose norm_key occurs at least twice in the dataset (any status): the duplicate candidates.
-- Queries confirm a group with dataset_row.norm_hash (a 64-bit key collision is not a duplicate).
CREATE TABLE dataset_dup (
    dataset_id BIGINT NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    norm_key   BIGINT NOT NULL,
    row_id     BIGINT NOT NULL REFERENCES dataset_row (id) ON DELETE CASCADE,
    PRIMARY KEY (dataset_id, norm_key, row_id)
);
CREATE INDEX dataset_dup_row ON dataset_dup (row_id);

-- Per dataset: whether dataset_dup is current. An import sets it false in the transaction of its first
-- batch, and the duplicate pass sets it true, so rows committed by a crashed import are picked up by
-- the next query that needs duplicates.
CREATE TABLE dataset_state (
    dataset_id    BIGINT  NOT NULL PRIMARY KEY REFERENCES dataset (id) ON DELETE CASCADE,
    dups_current  BOOLEAN NOT NULL,
    checked_at    TIMESTAMP WITH TIME ZONE,
    check_options CHARACTER VARYING
);

-- flags: bit mask of RowFlag, written by DatasetStore.runChecks (0 until checked).
ALTER TABLE dataset_row ADD COLUMN flags BIGINT DEFAULT 0 NOT NULL;

-- PII found by the last check, with the span to highlight: field is the message index (0-based), or
-- -1 for the row's raw text; start/end are UTF-16 offsets into that field's content.
CREATE TABLE row_pii (
    dataset_id BIGINT      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    row_id     BIGINT      NOT NULL REFERENCES dataset_row (id) ON DELETE CASCADE,
    seq        INTEGER     NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    field      INTEGER     NOT NULL,
    span_start INTEGER     NOT NULL,
    span_end   INTEGER     NOT NULL,
    PRIMARY KEY (row_id, seq)
);
CREATE INDEX row_pii_dataset ON row_pii (dataset_id);

-- Near-duplicate clusters of the last check: cluster_id is the smallest row id in the cluster.
CREATE TABLE near_dup (
    dataset_id BIGINT NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    cluster_id BIGINT NOT NULL,
    row_id     BIGINT NOT NULL REFERENCES dataset_row (id) ON DELETE CASCADE,
    PRIMARY KEY (dataset_id, cluster_id, row_id)
);
CREATE INDEX near_dup_row ON near_dup (row_id);
