package dev.modelfactory.studio.training;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.LongConsumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.ObservableSet;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Past and present runs: overlay check box, name, outcome, final / best eval loss, duration, tokens/s, and
 * "Resume from checkpoint" for runs that stopped early with a checkpoint.
 */
final class RunTable extends TableView<RunSummary> {

    static final String ID = "training-runs";

    RunTable(ObservableSet<Long> overlaid, LongConsumer resume) {
        setId(ID);
        getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPrefHeight(220);
        TableColumn<RunSummary, RunSummary> show = new TableColumn<>("Overlay");
        show.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        show.setCellFactory(c -> new TableCell<>() {
            private final CheckBox box = new CheckBox();

            @Override
            protected void updateItem(RunSummary run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null) {
                    setGraphic(null);
                    return;
                }
                box.setId("overlay-" + run.id());
                box.setSelected(overlaid.contains(run.id()));
                box.setOnAction(e -> {
                    if (box.isSelected()) {
                        overlaid.add(run.id());
                    } else {
                        overlaid.remove(run.id());
                    }
                });
                setGraphic(box);
            }
        });
        show.setPrefWidth(70);
        show.setMaxWidth(80);
        getColumns().add(show);
        getColumns().add(text("Run", 220, r -> "#" + r.id() + " " + r.name()));
        getColumns().add(text("Outcome", 100, RunSummary::outcome));
        getColumns().add(text("Final eval", 90, r -> loss(r.finalEvalLoss())));
        getColumns().add(text("Best eval", 90, r -> loss(r.bestEvalLoss())));
        getColumns().add(text("Duration", 90, r -> RunSummary.duration(r.duration())));
        getColumns().add(text("Tokens/s", 90, r -> r.tokensPerSecond().isPresent()
                ? String.format(Locale.ROOT, "%.0f", r.tokensPerSecond().getAsDouble()) : "\u2013"));
        TableColumn<RunSummary, RunSummary> action = new TableColumn<>("");
        action.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        action.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(RunSummary run, boolean empty) {
                super.updateItem(run, empty);
                if (empty || run == null || !run.record().resumable()) {
                    setGraphic(null);
                    return;
                }
                Button b = new Button("Resume from checkpoint");
                b.setId("resume-" + run.id());
                b.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
                b.setOnAction(e -> resume.accept(run.id()));
                setGraphic(b);
            }
        });
        action.setPrefWidth(190);
        getColumns().add(action);
    }

    private static TableColumn<RunSummary, String> text(String title, double width, Function<RunSummary, String> f) {
        TableColumn<RunSummary, String> c = new TableColumn<>(title);
        c.setCellValueFactory(v -> new SimpleStringProperty(f.apply(v.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static String loss(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.4f", v.getAsDouble()) : "\u2013";
    }
}
