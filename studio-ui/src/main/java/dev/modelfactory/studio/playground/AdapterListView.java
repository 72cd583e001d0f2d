package dev.modelfactory.studio.playground;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The registered adapters, one row each: id, rank, size, resident or on disk, and pin / evict buttons. */
public final class AdapterListView extends VBox {

    /** What the row buttons ask for; the page runs it (off the FX thread where it may load). */
    public interface Actions {
        void pin(String id, boolean pin);

        void evict(String id);
    }

    private final Actions actions;
    private List<AdapterState> shown = List.of();

    public AdapterListView(Actions actions) {
        this.actions = actions;
        setId("adapter-list");
        setSpacing(4);
        show(List.of());
    }

    /** Rebuilds the rows when the adapters' states changed (cheap to call often). */
    public void show(List<AdapterState> adapters) {
        if (adapters.equals(shown) && !getChildren().isEmpty()) {
            return;
        }
        shown = List.copyOf(adapters);
        getChildren().clear();
        if (adapters.isEmpty()) {
            Label none = new Label("No adapters yet: add a PEFT folder (adapter_config.json + adapter_model.safetensors).");
            none.getStyleClass().add("text-muted");
            getChildren().add(none);
            return;
        }
        for (AdapterState a : adapters) {
            getChildren().add(row(a));
        }
    }

    private HBox row(AdapterState a) {
        Label id = new Label(a.id());
        id.getStyleClass().add("adapter-id");
        Label detail = new Label(String.format(Locale.ROOT, "rank %d · %s", a.rank(), MemoryMeter.bytes(a.bytes())));
        detail.getStyleClass().add("text-muted");
        Label state = new Label(a.pinned() ? "Pinned" : a.resident() ? "Resident" : "On disk");
        state.getStyleClass().add("adapter-state");
        Button pin = new Button(a.pinned() ? "Unpin" : "Pin");
        pin.getStyleClass().add("adapter-pin");
        pin.setOnAction(e -> actions.pin(a.id(), !a.pinned()));
        Button evict = new Button("Evict");
        evict.getStyleClass().add("adapter-evict");
        evict.setDisable(!a.resident() || a.pinned());
        evict.setOnAction(e -> actions.evict(a.id()));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox row = new HBox(10, id, detail, gap, state, pin, evict);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId("adapter-" + a.id());
        row.getStyleClass().add("adapter-row");
        return row;
    }

}
