-- V2: the model registry (see ModelRegistry.java). A model is known by its content hash; the studio
-- computes the metadata with the engine, the ledger only stores it.

CREATE TABLE model (
    id              CHAR(64)                 NOT NULL PRIMARY KEY, -- sha256 hex, lowercase (ModelHash)
    name            VARCHAR(500)             NOT NULL,
    location        CHARACTER VARYING        NOT NULL,             -- a blob path (COPY) or the original path (REFERENCE)
    import_mode     VARCHAR(16)              NOT NULL CHECK (import_mode IN ('COPY', 'REFERENCE')),
    format          VARCHAR(32)              NOT NULL,             -- gguf | hf
    architecture    VARCHAR(200)             NOT NULL,
    parameter_count BIGINT                   NOT NULL CHECK (parameter_count >= 0),
    quantisation    VARCHAR(64)              NOT NULL,
    context_length  INTEGER                  NOT NULL CHECK (context_length >= 0),
    size_bytes      BIGINT                   NOT NULL CHECK (size_bytes >= 0),
    imported_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX model_name ON model (name);
