-- V11: training runs and their metric curves (see RunStore.java). A run refers to what it trained by
-- content hash (base model, dataset version root, canonical config); the attribution record that signs
-- a run is built from exactly these columns. Metric points are keyed by step so a run resumed from a
-- checkpoint overwrites the steps it repeats instead of duplicating them.

CREATE TABLE training_run (
    id               BIGINT AUTO_INCREMENT        PRIMARY KEY,
    name             VARCHAR(200)                 NOT NULL,
    base_model       CHAR(64)                     NOT NULL,   -- model content hash (ModelHash)
    dataset_name     VARCHAR(200)                 NOT NULL,
    dataset_version  CHAR(64)                     NOT NULL,   -- version Merkle root
    config_json      CHARACTER LARGE OBJECT       NOT NULL,   -- canonical JSON
    config_hash      CHAR(64)                     NOT NULL,   -- sha256 of config_json
    seed             BIGINT                       NOT NULL,
    engine_version   VARCHAR(100)                 NOT NULL,
    device           VARCHAR(200)                 NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE     NOT NULL,
    ended_at         TIMESTAMP WITH TIME ZONE,
    outcome          VARCHAR(16)                  NOT NULL
        CHECK (outcome IN ('RUNNING', 'COMPLETED', 'STOPPED', 'FAILED', 'INTERRUPTED')),
    message          CHARACTER VARYING,
    adapter_hash     CHAR(64),
    checkpoint_dir   CHARACTER VARYING,
    checkpoint_step  BIGINT
);

CREATE INDEX training_run_started ON training_run (started_at);

CREATE TABLE training_metric (
    run_id        BIGINT            NOT NULL REFERENCES training_run (id),
    step          BIGINT            NOT NULL CHECK (step >= 0),
    epoch         DOUBLE PRECISION  NOT NULL,
    elapsed_ms    BIGINT            NOT NULL,
    train_loss    DOUBLE PRECISION,
    eval_loss     DOUBLE PRECISION,
    lr            DOUBLE PRECISION,
    grad_norm     DOUBLE PRECISION,
    tokens_per_s  DOUBLE PRECISION,
    memory_bytes  BIGINT,
    PRIMARY KEY (run_id, step)
);
