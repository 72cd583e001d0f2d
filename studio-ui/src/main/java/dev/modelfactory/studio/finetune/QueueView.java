package dev.modelfactory.studio.finetune;

import dev.modelfactory.studio.training.RunRequest;
import dev.modelfactory.studio.training.TrainingSession;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The runs waiting for the device (one trains at a time), in start order: the selected one can be moved
 * up or down or removed before it starts.
 */
final class QueueView extends HBox {

    private final ListView<RunRequest> list;

    QueueView(TrainingSession session) {
        super(8);
        list = new ListView<>(session.queue());
        list.setId("finetune-queue");
        list.setPrefHeight(90);
        list.setPlaceholder(new Label("No run waiting; runs train one at a time on this device."));
        list.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(RunRequest r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : (getIndex() + 1) + ". " + r.name().orElse(r.model()) + " \u00b7 "
                        + r.datasetRef() + " \u00b7 lr " + r.config().learningRate() + ", " + (r.config().maxSteps() > 0
                        ? r.config().maxSteps() + " steps" : r.config().epochs() + " epochs"));
            }
        });
        HBox.setHgrow(list, Priority.ALWAYS);
        Button up = new Button("Move up");
        up.setId("finetune-queue-up");
        Button down = new Button("Move down");
        down.setId("finetune-queue-down");
        Button remove = new Button("Remove");
        remove.setId("finetune-queue-remove");
        up.setOnAction(e -> move(session, -1));
        down.setOnAction(e -> move(session, 1));
        remove.setOnAction(e -> {
            int i = list.getSelectionModel().getSelectedIndex();
            session.removeQueued(i);
        });
        var none = list.getSelectionModel().selectedIndexProperty().lessThan(0);
        up.disableProperty().bind(none.or(list.getSelectionModel().selectedIndexProperty().isEqualTo(0)));
        down.disableProperty().bind(none.or(list.getSelectionModel().selectedIndexProperty()
                .greaterThanOrEqualTo(javafx.beans.binding.Bindings.size(session.queue()).subtract(1))));
        remove.disableProperty().bind(none);
        for (Button b : new Button[] {up, down, remove}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        VBox buttons = new VBox(6, up, down, remove);
        buttons.setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(list, buttons);
    }

    private void move(TrainingSession session, int delta) {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) {
            return;
        }
        session.moveQueued(i, i + delta);
        list.getSelectionModel().select(Math.max(0, Math.min(i + delta, session.queue().size() - 1)));
    }
}
