-- V16: per-contributor (and per-tag) loss curves of training runs (see RunSeriesStore.java). A run tracks
-- a capped set of series (the contributors with the most training rows, the rest pooled as "(others)",
-- and the tags the user picked); each has its row counts, and points keyed by step: the mean training
-- loss per token over the logging window that ends at that step and, on evaluation steps, the mean
-- validation loss per token of the series' validation rows. Keyed by step so a run resumed from a
-- checkpoint overwrites the steps it repeats.

CREATE TABLE training_series (
    run_id      BIGINT             NOT NULL REFERENCES training_run (id),
    kind        VARCHAR(16)        NOT NULL CHECK (kind IN ('CONTRIBUTOR', 'TAG')),
    series_key  CHARACTER VARYING  NOT NULL,
    train_rows  BIGINT             NOT NULL CHECK (train_rows >= 0),
    eval_rows   BIGINT             NOT NULL CHECK (eval_rows >= 0),
    PRIMARY KEY (run_id, kind, series_key)
);

CREATE TABLE training_series_point (
    run_id        BIGINT             NOT NULL,
    kind          VARCHAR(16)        NOT NULL,
    series_key    CHARACTER VARYING  NOT NULL,
    step          BIGINT             NOT NULL CHECK (step >= 1),
    train_loss    DOUBLE PRECISION,
    train_tokens  BIGINT             NOT NULL CHECK (train_tokens >= 0),
    eval_loss     DOUBLE PRECISION,
    eval_tokens   BIGINT             NOT NULL CHECK (eval_tokens >= 0),
    PRIMARY KEY (run_id, kind, series_key, step),
    FOREIGN KEY (run_id, kind, series_key) REFERENCES training_series (run_id, kind, series_key)
);
