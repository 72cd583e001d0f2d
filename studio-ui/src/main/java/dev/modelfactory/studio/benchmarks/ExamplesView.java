package dev.modelfactory.studio.benchmarks;

import atlantafx.base.theme.Styles;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.studio.benchmarks.report.Example;
import dev.modelfactory.studio.benchmarks.report.ExampleFilter;
import dev.modelfactory.studio.benchmarks.report.Examples;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The per-example view: a filter ("A right, B wrong", "All wrong", a score range of one system on one
 * metric, a tag), the count shown, and the examples as cards (prompt, reference, each system's output with
 * its differences to the reference). A score counts as right from {@link Example#RIGHT_FROM}.
 */
final class ExamplesView extends VBox {

    static final String LIST_ID = "bench-examples";
    static final String FILTER_ID = "bench-filter";
    static final String A_ID = "bench-filter-a";
    static final String B_ID = "bench-filter-b";
    static final String METRIC_ID = "bench-filter-metric";
    static final String TAG_ID = "bench-filter-tag";
    static final String LOW_ID = "bench-filter-low";
    static final String HIGH_ID = "bench-filter-high";
    static final String COUNT_ID = "bench-examples-count";

    /** The filters offered, in menu order. */
    enum Kind {
        ALL("All examples"), RIGHT_WRONG("A right, B wrong"), ALL_WRONG("All wrong"), SCORE("Score range of A"),
        TAG("Tag");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final ComboBox<Kind> kind = new ComboBox<>();
    private final ComboBox<String> a = new ComboBox<>();
    private final ComboBox<String> b = new ComboBox<>();
    private final ComboBox<Metric> metric = new ComboBox<>();
    private final ComboBox<String> tag = new ComboBox<>();
    private final Spinner<Double> low = new Spinner<>(0.0, 1_000.0, 0.0, 0.1);
    private final Spinner<Double> high = new Spinner<>(0.0, 1_000.0, 0.5, 0.1);
    private final Label count = new Label();
    private final ListView<Example> list = new ListView<>();
    private List<Example> all = List.of();

    ExamplesView(BiConsumer<Example, String> similar) {
        super(8);
        kind.setId(FILTER_ID);
        kind.getItems().setAll(Kind.values());
        kind.setValue(Kind.ALL);
        a.setId(A_ID);
        b.setId(B_ID);
        metric.setId(METRIC_ID);
        metric.setConverter(FxParts.converter(Metric::id));
        tag.setId(TAG_ID);
        low.setId(LOW_ID);
        high.setId(HIGH_ID);
        for (Spinner<Double> s : List.of(low, high)) {
            s.setEditable(true);
            s.setPrefWidth(90);
        }
        count.setId(COUNT_ID);
        count.getStyleClass().add(Styles.TEXT_MUTED);
        kind.valueProperty().addListener((o, w, n) -> apply());
        a.valueProperty().addListener((o, w, n) -> apply());
        b.valueProperty().addListener((o, w, n) -> apply());
        metric.valueProperty().addListener((o, w, n) -> apply());
        tag.valueProperty().addListener((o, w, n) -> apply());
        low.valueProperty().addListener((o, w, n) -> apply());
        high.valueProperty().addListener((o, w, n) -> apply());
        FlowPane filters = new FlowPane(8, 6, new Label("Show"), kind, new Label("A"), a, new Label("B"), b,
                new Label("Metric"), metric, new Label("Scores"), low, new Label("to"), high, new Label("Tag"), tag,
                count);
        filters.setAlignment(Pos.CENTER_LEFT);
        list.setId(LIST_ID);
        list.setPrefHeight(520);
        list.setPlaceholder(new Label("No example matches the filter."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Example e, boolean empty) {
                super.updateItem(e, empty);
                setText(null);
                if (empty || e == null) {
                    setGraphic(null);
                    return;
                }
                ExampleCard card = new ExampleCard(e, similar);
                card.maxWidthProperty().bind(list.widthProperty().subtract(36));
                card.prefWidthProperty().bind(list.widthProperty().subtract(36));
                setGraphic(card);
            }
        });
        getChildren().addAll(filters, list);
        updateEnabled();
    }

    /** Shows {@code examples} (every system named in {@code systems}); keeps the filter choices that still fit. */
    void show(List<Example> examples, List<String> systems) {
        all = List.copyOf(examples);
        a.getItems().setAll(systems);
        b.getItems().setAll(systems);
        if (a.getValue() == null || !systems.contains(a.getValue())) {
            a.setValue(systems.isEmpty() ? null : systems.getLast());
        }
        if (b.getValue() == null || !systems.contains(b.getValue())) {
            b.setValue(systems.isEmpty() ? null : systems.getFirst());
        }
        TreeSet<Metric> metrics = new TreeSet<>();
        examples.forEach(e -> e.outcomes().values().forEach(o -> metrics.addAll(o.scores().keySet())));
        metric.getItems().setAll(metrics);
        if (metric.getValue() == null || !metrics.contains(metric.getValue())) {
            metric.setValue(metrics.isEmpty() ? null : metrics.first());
        }
        tag.getItems().setAll(Examples.tags(examples));
        if (tag.getValue() == null || !tag.getItems().contains(tag.getValue())) {
            tag.setValue(tag.getItems().isEmpty() ? null : tag.getItems().getFirst());
        }
        apply();
    }

    /** Sets the filter: kind, then A, B and the metric where they apply (null leaves a choice as it is). */
    void filter(Kind k, String systemA, String systemB, Metric m) {
        kind.setValue(k);
        if (systemA != null) {
            a.setValue(systemA);
        }
        if (systemB != null) {
            b.setValue(systemB);
        }
        if (m != null) {
            metric.setValue(m);
        }
        apply();
    }

    /** The examples shown now, in order. */
    List<Example> shown() {
        return List.copyOf(list.getItems());
    }

    /** The current filter (what {@link #shown()} was computed with). */
    ExampleFilter current() {
        Kind k = kind.getValue();
        if (k == null || k == Kind.ALL) {
            return new ExampleFilter.All();
        }
        return switch (k) {
            case RIGHT_WRONG -> a.getValue() == null || b.getValue() == null ? null
                    : new ExampleFilter.RightWrong(a.getValue(), b.getValue(), metric.getValue());
            case ALL_WRONG -> new ExampleFilter.AllWrong(metric.getValue());
            case SCORE -> a.getValue() == null || metric.getValue() == null || low.getValue() > high.getValue() ? null
                    : new ExampleFilter.ScoreRange(a.getValue(), metric.getValue(), low.getValue(), high.getValue());
            case TAG -> tag.getValue() == null ? null : new ExampleFilter.Tag(tag.getValue());
            case ALL -> new ExampleFilter.All();
        };
    }

    private void apply() {
        updateEnabled();
        ExampleFilter f = current();
        List<Example> shown = f == null ? List.of() : Examples.filter(all, f);
        list.getItems().setAll(shown);
        count.setText(f == null ? "Choose the filter's systems, metric or tag"
                : shown.size() + " of " + all.size() + " examples");
    }

    private void updateEnabled() {
        Kind k = kind.getValue();
        boolean needsA = k == Kind.RIGHT_WRONG || k == Kind.SCORE;
        disable(a, !needsA);
        disable(b, k != Kind.RIGHT_WRONG);
        disable(metric, k == Kind.ALL || k == Kind.TAG);
        disable(low, k != Kind.SCORE);
        disable(high, k != Kind.SCORE);
        disable(tag, k != Kind.TAG);
    }

    private static void disable(Node n, boolean off) {
        n.setDisable(off);
    }
}
