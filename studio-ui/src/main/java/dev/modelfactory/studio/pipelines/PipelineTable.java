package dev.modelfactory.studio.pipelines;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The workspace's pipelines (name, steps, file, validation state) and, under them, the chosen pipeline's
 * problems as {@code file:line: field: message}, one per line.
 */
final class PipelineTable extends VBox {

    static final String TABLE_ID = "pipelines-table";
    static final String PROBLEMS_ID = PipelinesPage.PROBLEMS_ID;

    private final TableView<PipelineInfo> table = new TableView<>();
    private final ListView<String> problems = new ListView<>();
    private final Label problemsTitle = new Label();

    PipelineTable(Consumer<PipelineInfo> chosen) {
        super(6);
        table.setId(TABLE_ID);
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No pipelines yet: add a pipeline YAML file."));
        table.setPrefHeight(112);
        TableColumn<PipelineInfo, String> state = column("State", p -> p.valid() ? "valid"
                : p.problems().size() + (p.problems().size() == 1 ? " problem" : " problems"), 110);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.DANGER);
                if (!empty && text != null) {
                    getStyleClass().add(text.equals("valid") ? Styles.SUCCESS : Styles.DANGER);
                }
            }
        });
        table.getColumns().setAll(List.of(column("Pipeline", PipelineInfo::name, 180), state,
                column("Steps", p -> Integer.toString(p.steps().size()), 64), column("File", PipelineInfo::file, 420)));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            showProblems(now);
            chosen.accept(now);
        });
        problems.setId(PROBLEMS_ID);
        problems.getStyleClass().addAll(Styles.DENSE, "pipeline-problems");
        problems.setPrefHeight(96);
        problemsTitle.getStyleClass().add(Styles.DANGER);
        showProblems(null);
        getChildren().addAll(table, problemsTitle, problems);
    }

    /** Shows the list; keeps (or, if gone, drops) the chosen pipeline, or chooses {@code choose} if given. */
    void show(List<PipelineInfo> pipelines, String choose) {
        PipelineInfo was = table.getSelectionModel().getSelectedItem();
        String keep = choose != null ? choose : was != null ? was.name() : null;
        table.getItems().setAll(pipelines);
        PipelineInfo match = pipelines.stream().filter(p -> p.name().equals(keep)).findFirst()
                .orElse(pipelines.isEmpty() ? null : pipelines.getFirst());
        if (match != null) {
            table.getSelectionModel().select(match);
        }
        showProblems(match);
    }

    /** Replaces one pipeline (after validating it again) and chooses it. */
    void replace(PipelineInfo info) {
        var items = table.getItems();
        int at = -1;
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).name().equals(info.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            items.set(at, info);
        } else {
            items.add(info);
        }
        table.getSelectionModel().select(info);
        showProblems(info);
    }

    PipelineInfo chosen() {
        return table.getSelectionModel().getSelectedItem();
    }

    TableView<PipelineInfo> table() {
        return table;
    }

    ListView<String> problems() {
        return problems;
    }

    private void showProblems(PipelineInfo info) {
        boolean any = info != null && !info.valid();
        problems.getItems().setAll(any ? info.problems().stream().map(PipelineProblem::text).toList() : List.of());
        problemsTitle.setText(any ? info.name() + " is not valid: fix these lines of " + info.file()
                + " and validate again." : "");
        for (var node : List.of(problems, problemsTitle)) {
            node.setVisible(any);
            node.setManaged(any);
        }
    }

    private static TableColumn<PipelineInfo, String> column(String name, Function<PipelineInfo, String> text,
            double width) {
        TableColumn<PipelineInfo, String> col = new TableColumn<>(name);
        col.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())));
        col.setPrefWidth(width);
        col.setMinWidth(Math.min(width, 64));
        return col;
    }
}
