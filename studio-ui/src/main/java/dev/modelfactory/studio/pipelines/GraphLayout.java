package dev.modelfactory.studio.pipelines;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A left-to-right layered layout of a pipeline's steps. An edge runs from the step that makes a value to each
 * later step that reads it (an input may name a value, or an earlier step: then it reads that step's outputs); a step that reads nothing made by an earlier step follows the step before it in
 * the file (an "order" edge: the runner runs steps in file order). {@code gate} and {@code approve} steps are
 * barriers: a later step that does not already depend on the latest barrier gets an order edge from it, so
 * the picture never shows work running beside the decision it waits for. A step's layer is one more than the
 * highest layer among its predecessors; within a layer steps keep file order, one row each.
 *
 * @param places every step's layer and row, in file order
 * @param edges  the edges, in the order of their target steps
 */
public record GraphLayout(List<Place> places, List<Edge> edges) {

    /** Where a step sits: column {@code layer}, row {@code row} within that column. */
    public record Place(String step, int layer, int row) {
    }

    /**
     * An arrow from {@code from} to {@code to}; {@code value} names what flows, or is empty for an order edge.
     */
    public record Edge(String from, String to, String value) {

        /** True when no value flows: the edge only says "runs after". */
        public boolean orderOnly() {
            return value.isEmpty();
        }
    }

    private static final Set<String> BARRIERS = Set.of("gate", "approve");

    public GraphLayout {
        places = List.copyOf(places);
        edges = List.copyOf(edges);
    }

    /** Lays out {@code steps} (in file order). Values made by later steps, or by no step, draw no edge. */
    public static GraphLayout of(List<StepSpec> steps) {
        Objects.requireNonNull(steps, "steps");
        Map<String, String> producer = new HashMap<>();
        Map<String, Integer> layer = new LinkedHashMap<>();
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        List<Place> places = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<String, Set<String>> ancestors = new HashMap<>();
        String previous = null;
        String barrier = null;
        for (StepSpec step : steps) {
            List<Edge> incoming = new ArrayList<>();
            for (String input : step.inputs()) {
                String from = producer.get(input);
                if (from != null && incoming.stream().noneMatch(e -> e.from().equals(from) && e.value().equals(input))) {
                    incoming.add(new Edge(from, step.id(), input));
                }
            }
            if (incoming.isEmpty() && previous != null) {
                incoming.add(new Edge(previous, step.id(), ""));
            }
            Set<String> above = new HashSet<>();
            for (Edge e : incoming) {
                above.add(e.from());
                above.addAll(ancestors.get(e.from()));
            }
            if (barrier != null && !above.contains(barrier)) {
                incoming.add(new Edge(barrier, step.id(), ""));
                above.add(barrier);
                above.addAll(ancestors.get(barrier));
            }
            ancestors.put(step.id(), above);
            int at = incoming.stream().mapToInt(e -> layer.get(e.from()) + 1).max().orElse(0);
            layer.put(step.id(), at);
            int row = rowsUsed.merge(at, 1, Integer::sum) - 1;
            places.add(new Place(step.id(), at, row));
            edges.addAll(incoming);
            producer.put(step.id(), step.id());
            for (String output : step.outputs()) {
                producer.put(output, step.id());
            }
            previous = step.id();
            if (BARRIERS.contains(step.kind())) {
                barrier = step.id();
            }
        }
        return new GraphLayout(places, edges);
    }

    /** Number of columns. */
    public int layers() {
        return places.stream().mapToInt(Place::layer).max().orElse(-1) + 1;
    }

    /** Number of rows of the tallest column. */
    public int rows() {
        return places.stream().mapToInt(Place::row).max().orElse(-1) + 1;
    }

    public Place place(String step) {
        return places.stream().filter(p -> p.step().equals(step)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + step));
    }
}
