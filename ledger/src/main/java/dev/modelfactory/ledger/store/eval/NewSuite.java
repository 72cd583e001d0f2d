package dev.modelfactory.ledger.store.eval;

import java.util.Objects;

/**
 * A suite to save: its name, a description, the canonical JSON of its tasks (whose content decides the
 * version), and the task and item counts shown in lists without parsing the JSON.
 */
public record NewSuite(String name, String description, String tasksJson, int tasks, int items) {

    public NewSuite {
        name = Fields.text("name", name, 200);
        description = description == null ? "" : description;
        Objects.requireNonNull(tasksJson, "tasksJson");
        Fields.requireJson("tasksJson", tasksJson);
        if (tasks < 0 || items < 0) {
            throw new IllegalArgumentException("tasks and items: must be >= 0, got " + tasks + " and " + items);
        }
    }
}
