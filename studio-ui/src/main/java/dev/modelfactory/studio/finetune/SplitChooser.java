package dev.modelfactory.studio.finetune;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * The splits a run trains on (TRAIN by default; rows without a split count as TRAIN) and the split of its
 * eval loss and sample prompts (VALIDATION by default). {@link #problem()} says why a choice cannot run
 * (nothing to train on, or evaluating on a split that is also trained on).
 */
final class SplitChooser extends HBox {

    static final List<String> SPLITS = List.of("train", "validation", "test");

    private final List<CheckBox> train = new ArrayList<>();
    private final ComboBox<String> eval = new ComboBox<>();
    private Runnable changed = () -> { };

    SplitChooser() {
        super(10);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().add(new Label("Train on"));
        for (String s : SPLITS) {
            CheckBox box = new CheckBox(s);
            box.setId("finetune-train-" + s);
            box.setSelected(s.equals("train"));
            box.selectedProperty().addListener((o, a, b) -> changed.run());
            train.add(box);
            getChildren().add(box);
        }
        eval.setId("finetune-eval-split");
        eval.getItems().setAll(SPLITS);
        eval.setValue("validation");
        eval.valueProperty().addListener((o, a, b) -> changed.run());
        getChildren().addAll(new Label("  Evaluate on"), eval);
    }

    void onChange(Runnable r) {
        changed = r;
    }

    List<String> trainSplits() {
        return train.stream().filter(CheckBox::isSelected).map(CheckBox::getText).toList();
    }

    String evalSplit() {
        return eval.getValue();
    }

    void set(List<String> trainSplits, String evalSplit) {
        train.forEach(b -> b.setSelected(trainSplits.contains(b.getText())));
        eval.setValue(evalSplit);
    }

    /** Why the choice cannot run, or null. */
    String problem() {
        if (trainSplits().isEmpty()) {
            return "Tick at least one split to train on.";
        }
        if (trainSplits().contains(evalSplit())) {
            return "The " + evalSplit() + " split is trained on; evaluate on a split the run does not train on.";
        }
        return null;
    }
}
