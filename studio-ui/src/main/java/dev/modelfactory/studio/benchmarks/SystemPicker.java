package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.EvalSystem;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.FlowPane;

/** A check box per system a model can be compared as: the base (labelled "base") and each of its adapters. */
final class SystemPicker extends FlowPane {

    static final String BASE_LABEL = "base";
    static final String ID_PREFIX = "bench-system-";

    private final Runnable changed;

    SystemPicker(Runnable changed) {
        super(12, 6);
        this.changed = changed;
        setId("bench-systems");
    }

    /** Offers {@code model}'s base and {@code adapters}, all ticked. */
    void show(String model, List<BenchmarksBackend.AdapterChoice> adapters) {
        getChildren().setAll(box(EvalSystem.base(BASE_LABEL), BASE_LABEL + " (" + model + ")"));
        for (var a : adapters) {
            getChildren().add(box(EvalSystem.adapter(a.label(), a.folder()), a.label()));
        }
        changed.run();
    }

    void clear() {
        getChildren().clear();
        changed.run();
    }

    /** The systems ticked now, in the order shown. */
    List<EvalSystem> selected() {
        return getChildren().stream().map(n -> (CheckBox) n).filter(CheckBox::isSelected)
                .map(b -> (EvalSystem) b.getUserData()).toList();
    }

    private CheckBox box(EvalSystem system, String text) {
        CheckBox box = new CheckBox(text);
        box.setId(ID_PREFIX + system.label());
        box.setUserData(system);
        box.setSelected(true);
        box.selectedProperty().addListener((o, w, n) -> changed.run());
        return box;
    }
}
