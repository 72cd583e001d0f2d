package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.ItemOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Joins a suite's items with a result's outcomes into {@link Example}s, and filters them. */
public final class Examples {

    private Examples() {
    }

    /**
     * Every scored item of the result, in task then item order, with the outcome of every system.
     *
     * @throws IllegalArgumentException when the result names a task or item the suite lacks (wrong version)
     */
    public static List<Example> of(EvalSuite suite, EvalResult result) {
        Map<String, Map<String, Map<String, ItemOutcome>>> byTask = new LinkedHashMap<>();
        for (ItemOutcome o : result.outcomes()) {
            byTask.computeIfAbsent(o.task(), t -> new LinkedHashMap<>())
                    .computeIfAbsent(o.itemId(), i -> new LinkedHashMap<>()).put(o.system(), o);
        }
        List<String> order = Comparison.systems(result);
        List<Example> examples = new ArrayList<>();
        for (var task : byTask.entrySet()) {
            EvalTask t = suite.tasks().stream().filter(x -> x.name().equals(task.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("suite " + suite.name() + " v" + suite.version()
                            + " has no task " + task.getKey() + " (the result is of another version?)"));
            Map<String, EvalItem> items = new LinkedHashMap<>();
            t.items().forEach(i -> items.put(i.id(), i));
            for (var item : task.getValue().entrySet()) {
                EvalItem it = items.get(item.getKey());
                if (it == null) {
                    throw new IllegalArgumentException("task " + t.name() + " of suite " + suite.name() + " v"
                            + suite.version() + " has no item " + item.getKey());
                }
                Map<String, ItemOutcome> ordered = new LinkedHashMap<>();
                for (String s : order) {
                    if (item.getValue().containsKey(s)) {
                        ordered.put(s, item.getValue().get(s));
                    }
                }
                examples.add(new Example(t.name(), it, ordered));
            }
        }
        return examples;
    }

    /** The examples {@code filter} keeps, in order. */
    public static List<Example> filter(List<Example> examples, ExampleFilter filter) {
        return examples.stream().filter(filter).toList();
    }

    /** Every tag used by the examples, sorted. */
    public static List<String> tags(List<Example> examples) {
        TreeSet<String> tags = new TreeSet<>();
        examples.forEach(e -> tags.addAll(e.item().tags()));
        return List.copyOf(tags);
    }
}
