package dev.modelfactory.engine.eval;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A named, versioned set of tasks (the store assigns versions; a changed suite is a new version). */
public record EvalSuite(String name, int version, String description, List<EvalTask> tasks) {

    public EvalSuite {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        tasks = List.copyOf(tasks);
        Set<String> names = new HashSet<>();
        for (EvalTask t : tasks) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("suite " + name + ": two tasks named " + t.name());
            }
        }
    }

    public int itemCount() {
        return tasks.stream().mapToInt(t -> t.items().size()).sum();
    }
}
