-- V17: workflow pipelines (see PipelineStore.java). V13/V14 are kept free for other branches; V16 likewise.
-- A run keeps the pipeline's YAML text as it ran, so a resume replays exactly that pipeline even if the file
-- changed since. Steps are recorded one row each with the content hash of everything they read (inputs,
-- their own resolved config, external files) and the typed references to what they made, which is how a
-- later run finds a step it may skip.

CREATE TABLE pipeline_file (
    path      CHARACTER VARYING          NOT NULL PRIMARY KEY,   -- absolute, normalised
    added_at  TIMESTAMP WITH TIME ZONE   NOT NULL
);

CREATE TABLE pipeline_run (
    id             BIGINT AUTO_INCREMENT      PRIMARY KEY,
    pipeline_name  VARCHAR(200)               NOT NULL,
    pipeline_file  CHARACTER VARYING          NOT NULL,
    pipeline_hash  CHAR(64)                   NOT NULL,       -- sha256 of pipeline_text
    pipeline_text  CHARACTER LARGE OBJECT     NOT NULL,
    run_trigger    VARCHAR(16)                NOT NULL CHECK (run_trigger IN ('MANUAL', 'SCHEDULE', 'WATCH')),
    status         VARCHAR(16)                NOT NULL
        CHECK (status IN ('RUNNING', 'WAITING', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'INTERRUPTED')),
    message        CHARACTER VARYING,
    started_at     TIMESTAMP WITH TIME ZONE   NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE
);

CREATE INDEX pipeline_run_name ON pipeline_run (pipeline_name, id);

CREATE TABLE pipeline_step (
    run_id          BIGINT                     NOT NULL REFERENCES pipeline_run (id),
    idx             INT                        NOT NULL CHECK (idx >= 0),
    name            VARCHAR(200)               NOT NULL,
    kind            VARCHAR(16)                NOT NULL,
    status          VARCHAR(16)                NOT NULL
        CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'SKIPPED', 'FAILED', 'CANCELLED', 'WAITING')),
    inputs_hash     CHAR(64),                                  -- sha256 over inputs_json
    inputs_json     CHARACTER LARGE OBJECT,                    -- canonical JSON: what the step read, by hash
    outputs_json    CHARACTER LARGE OBJECT,                    -- JSON array of typed output references
    log_text        CHARACTER LARGE OBJECT,
    message         CHARACTER VARYING,
    started_at      TIMESTAMP WITH TIME ZONE,
    ended_at        TIMESTAMP WITH TIME ZONE,
    reused_from     BIGINT,                                    -- SKIPPED: the run whose outputs it reused
    decision        VARCHAR(16) CHECK (decision IN ('APPROVED', 'REJECTED')),
    decided_by      VARCHAR(200),
    decision_reason CHARACTER VARYING,
    decided_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, idx)
);

CREATE INDEX pipeline_step_inputs ON pipeline_step (name, inputs_hash);
