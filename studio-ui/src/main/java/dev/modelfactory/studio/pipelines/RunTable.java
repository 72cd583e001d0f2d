package dev.modelfactory.studio.pipelines;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The chosen pipeline's runs, newest first; choosing one shows it below. */
final class RunTable extends TableView<RunSummary> {

    static final String ID = "pipeline-runs";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private boolean quiet;

    RunTable(Consumer<RunSummary> chosen) {
        setId(ID);
        getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("No runs of this pipeline yet."));
        setPrefHeight(112);
        getColumns().setAll(List.of(column("Run", r -> Long.toString(r.id()), 48),
                column("Status", r -> r.status().label(), 96), column("Started", r -> WHEN.format(r.started()), 150),
                column("Time", r -> Durations.text(r.elapsed()), 100), column("Trigger", RunSummary::trigger, 80)));
        getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !quiet && (was == null || was.id() != now.id())) {
                chosen.accept(now);
            }
        });
    }

    /** Shows the runs; marks run {@code current} chosen without reporting it (it is shown already). */
    void show(List<RunSummary> runs, long current) {
        quiet = true;
        try {
            getItems().setAll(runs);
            runs.stream().filter(r -> r.id() == current).findFirst().ifPresentOrElse(
                    r -> getSelectionModel().select(r), () -> getSelectionModel().clearSelection());
        } finally {
            quiet = false;
        }
    }

    private static TableColumn<RunSummary, String> column(String name, Function<RunSummary, String> text,
            double width) {
        TableColumn<RunSummary, String> col = new TableColumn<>(name);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        col.setPrefWidth(width);
        col.setMinWidth(Math.min(width, 96));
        return col;
    }
}
