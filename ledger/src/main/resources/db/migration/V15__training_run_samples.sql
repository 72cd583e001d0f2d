-- V15: sample generations of training runs (see RunSampleStore.java): every sample_every steps a run
-- answers a few fixed prompts of its evaluation split greedily; each answer is kept with its step, the
-- prompt's index, the prompt and the reference answer. Keyed by (run, step, index) so a run resumed
-- from a checkpoint overwrites the steps it repeats instead of duplicating them.

CREATE TABLE training_sample (
    run_id      BIGINT             NOT NULL REFERENCES training_run (id),
    step        BIGINT             NOT NULL CHECK (step >= 1),
    idx         INT                NOT NULL CHECK (idx >= 0),
    prompt      CHARACTER VARYING  NOT NULL,
    output      CHARACTER VARYING  NOT NULL,
    reference   CHARACTER VARYING  NOT NULL,
    PRIMARY KEY (run_id, step, idx)
);
