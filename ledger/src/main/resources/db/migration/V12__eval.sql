-- V12: evaluation suites, runs and every generated output (see EvalStore.java). A suite version is
-- immutable: its tasks are kept as canonical JSON with their sha256, and saving the same content under a
-- name again returns the existing version. A run refers to its suite version, the model by content hash
-- and each system's adapter by content hash; its outputs are written with it in one transaction.

CREATE TABLE eval_suite (
    id            BIGINT AUTO_INCREMENT        PRIMARY KEY,
    name          VARCHAR(200)                 NOT NULL,
    version       INT                          NOT NULL CHECK (version >= 1),
    description   CHARACTER VARYING            NOT NULL,
    tasks_json    CHARACTER LARGE OBJECT       NOT NULL,   -- canonical JSON of the tasks
    content_hash  CHAR(64)                     NOT NULL,   -- sha256 of description and tasks_json
    task_count    INT                          NOT NULL,
    item_count    INT                          NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE     NOT NULL,
    CONSTRAINT eval_suite_name_version UNIQUE (name, version)
);

CREATE INDEX eval_suite_hash ON eval_suite (name, content_hash);

CREATE TABLE eval_run (
    id             BIGINT AUTO_INCREMENT        PRIMARY KEY,
    suite_id       BIGINT                       NOT NULL REFERENCES eval_suite (id),
    model_name     VARCHAR(500)                 NOT NULL,
    model_hash     CHAR(64)                     NOT NULL,
    decoding_json  CHARACTER VARYING            NOT NULL,
    systems_json   CHARACTER LARGE OBJECT       NOT NULL,   -- [{label, adapterPath, adapterHash}]
    started_at     TIMESTAMP WITH TIME ZONE     NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE     NOT NULL
);

CREATE INDEX eval_run_finished ON eval_run (finished_at);

CREATE TABLE eval_output (
    run_id       BIGINT                  NOT NULL REFERENCES eval_run (id),
    system       VARCHAR(200)            NOT NULL,
    task         VARCHAR(200)            NOT NULL,
    item_id      VARCHAR(500)            NOT NULL,
    output       CHARACTER LARGE OBJECT  NOT NULL,
    scores_json  CHARACTER VARYING       NOT NULL,   -- {"metric id": score}
    tokens       INT                     NOT NULL CHECK (tokens >= 0),
    PRIMARY KEY (run_id, system, task, item_id)
);
