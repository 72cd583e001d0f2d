package dev.modelfactory.studio.pipelines;

import dev.modelfactory.studio.pipelines.GraphLayout.Edge;
import dev.modelfactory.studio.pipelines.GraphLayout.Place;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Polygon;

/**
 * A run's steps as a graph: one box per step (kind, name, status icon, duration) placed by
 * {@link GraphLayout}, curves from each value's maker to its readers (dashed where only order links them).
 * Clicking a box chooses that step.
 */
final class StepGraph extends Pane {

    static final String NODE_ID_PREFIX = PipelinesPage.NODE_ID_PREFIX;
    static final String NODE_CLASS = "pipeline-node";
    static final String SELECTED_CLASS = "selected";
    static final String EDGE_CLASS = "pipeline-edge";
    static final String ORDER_EDGE_CLASS = "order";
    static final double NODE_WIDTH = 108;
    static final double NODE_HEIGHT = 62;
    static final double H_GAP = 18;
    static final double V_GAP = 34;
    private static final double ARROW = 6;
    private static final double ARC_DEPTH = 14;

    private final Consumer<String> onSelect;
    private final Map<String, VBox> boxes = new HashMap<>();
    private String selected;

    StepGraph(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        getStyleClass().add("pipeline-graph");
    }

    /** Draws the steps (in pipeline order) afresh; the chosen step stays chosen if it is still there. */
    void show(List<StepRun> steps) {
        getChildren().clear();
        boxes.clear();
        GraphLayout layout = GraphLayout.of(steps.stream().map(StepRun::spec).toList());
        Map<String, StepRun> byId = new HashMap<>();
        steps.forEach(s -> byId.put(s.id(), s));
        for (Edge edge : layout.edges()) {
            getChildren().addAll(edge(layout.place(edge.from()), layout.place(edge.to()), edge));
        }
        for (Place place : layout.places()) {
            VBox box = box(byId.get(place.step()));
            box.relocate(x(place), y(place));
            boxes.put(place.step(), box);
            getChildren().add(box);
        }
        double width = layout.layers() * (NODE_WIDTH + H_GAP) - H_GAP;
        double height = layout.rows() * (NODE_HEIGHT + V_GAP) - V_GAP + ARC_DEPTH + 12; // room for the arcs
        setMinSize(Math.max(width, 0) + 2, Math.max(height, 0) + 2);
        setPrefSize(Math.max(width, 0) + 2, Math.max(height, 0) + 2);
        mark(selected);
    }

    /** Marks the step chosen (without telling the page). */
    void select(String stepId) {
        selected = stepId;
        mark(stepId);
    }

    private void mark(String stepId) {
        boxes.forEach((id, box) -> {
            box.getStyleClass().remove(SELECTED_CLASS);
            if (id.equals(stepId)) {
                box.getStyleClass().add(SELECTED_CLASS);
            }
        });
    }

    private VBox box(StepRun step) {
        Label kind = new Label(step.kind().toUpperCase(java.util.Locale.ROOT));
        kind.getStyleClass().add("pipeline-node-kind");
        Label name = new Label(step.id());
        name.getStyleClass().add("pipeline-node-name");
        Label status = new Label(statusText(step), StatusIcons.icon(step.status(), 12));
        status.getStyleClass().add("pipeline-node-status");
        HBox top = new HBox(kind);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, top, name, status);
        box.setId(NODE_ID_PREFIX + step.id());
        box.getStyleClass().addAll(NODE_CLASS, StatusIcons.styleClass(step.status()));
        box.setPrefSize(NODE_WIDTH, NODE_HEIGHT);
        box.setMinSize(NODE_WIDTH, NODE_HEIGHT);
        box.setMaxSize(NODE_WIDTH, NODE_HEIGHT);
        Tooltip.install(box, new Tooltip(step.kind() + " " + step.id() + ": " + step.status().label()
                + (step.duration().isZero() ? "" : ", " + Durations.text(step.duration())) + "\nin: " + String.join(", ",
                step.spec().inputs()) + "\nout: " + String.join(", ", step.spec().outputs())));
        box.setOnMouseClicked(e -> {
            select(step.id());
            onSelect.accept(step.id());
        });
        return box;
    }

    /** A succeeded step shows its duration beside the check mark; others say their state (and time, if any). */
    static String statusText(StepRun step) {
        boolean timed = !step.duration().isZero();
        return switch (step.status()) {
            case SUCCEEDED -> Durations.text(step.duration());
            case PENDING, RUNNING, SKIPPED, WAITING -> step.status().label();
            default -> step.status().label() + (timed ? " \u00b7 " + Durations.text(step.duration()) : "");
        };
    }

    /**
     * Next column: right side to left side. Further on the same row: out of the source's bottom, under the
     * boxes between (deeper the longer the span, so arcs nest), up into the target's bottom. Further onto
     * another row: out of the source's bottom, into the target's left side. Nothing runs behind a box.
     */
    private static List<Node> edge(Place from, Place to, Edge edge) {
        int span = to.layer() - from.layer();
        CubicCurve curve;
        Polygon head;
        if (span == 1) {
            double sx = x(from) + NODE_WIDTH;
            double sy = y(from) + NODE_HEIGHT / 2;
            double ex = x(to) - 1;
            double ey = y(to) + NODE_HEIGHT / 2;
            double bend = Math.max(H_GAP / 2, (ex - sx) / 2);
            curve = new CubicCurve(sx, sy, sx + bend, sy, ex - bend, ey, ex - ARROW, ey);
            head = new Polygon(ex, ey, ex - ARROW, ey - ARROW / 1.6, ex - ARROW, ey + ARROW / 1.6);
        } else if (to.row() == from.row()) {
            double sx = x(from) + NODE_WIDTH / 2 + 8;
            double sy = y(from) + NODE_HEIGHT;
            double ex = x(to) + NODE_WIDTH / 2 - 8 - 6 * Math.min(span, 4);
            double ey = y(to) + NODE_HEIGHT + 1;
            double depth = ARC_DEPTH + 3 * span;
            curve = new CubicCurve(sx, sy, sx, sy + depth, ex, ey + depth, ex, ey + ARROW);
            head = new Polygon(ex, ey, ex - ARROW / 1.6, ey + ARROW, ex + ARROW / 1.6, ey + ARROW);
        } else {
            double sx = x(from) + NODE_WIDTH / 2 + 8;
            double sy = y(from) + NODE_HEIGHT;
            double ex = x(to) - 1;
            double ey = y(to) + NODE_HEIGHT / 2;
            curve = new CubicCurve(sx, sy, sx, ey, ex - H_GAP, ey, ex - ARROW, ey);
            head = new Polygon(ex, ey, ex - ARROW, ey - ARROW / 1.6, ex - ARROW, ey + ARROW / 1.6);
        }
        curve.getStyleClass().add(EDGE_CLASS);
        if (edge.orderOnly()) {
            curve.getStyleClass().add(ORDER_EDGE_CLASS);
        }
        head.getStyleClass().add("pipeline-edge-head");
        if (!edge.orderOnly()) {
            Tooltip.install(curve, new Tooltip(edge.from() + " \u2192 " + edge.to() + ": " + edge.value()));
        }
        return List.of(curve, head);
    }

    private static double x(Place p) {
        return 1 + p.layer() * (NODE_WIDTH + H_GAP);
    }

    private static double y(Place p) {
        return 1 + p.row() * (NODE_HEIGHT + V_GAP);
    }
}
