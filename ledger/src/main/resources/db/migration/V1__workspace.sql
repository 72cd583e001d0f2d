-- V1: the workspace itself. Later issues add their own tables in V2, V3, ...
-- Never edit a migration that has shipped: Flyway checksums it; add a new one instead.

-- Exactly one row (id = 1), written when the workspace is created.
CREATE TABLE workspace_info (
    id                 INTEGER                  NOT NULL PRIMARY KEY CHECK (id = 1),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by_version VARCHAR(100)             NOT NULL
);

-- Small key/value settings that belong to the workspace (see Settings.java).
CREATE TABLE setting (
    name       VARCHAR(200)             NOT NULL PRIMARY KEY,
    value_text CHARACTER VARYING        NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
