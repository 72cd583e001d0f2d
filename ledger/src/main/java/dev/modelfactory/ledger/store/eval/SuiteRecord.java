package dev.modelfactory.ledger.store.eval;

import java.time.Instant;

/** A stored suite version: {@code contentHash} is the sha256 over its description and tasks JSON. */
public record SuiteRecord(long id, String name, int version, String description, String tasksJson,
        String contentHash, int tasks, int items, Instant createdAt) {
}
