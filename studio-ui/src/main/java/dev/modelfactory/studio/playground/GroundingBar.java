package dev.modelfactory.studio.playground;

import atlantafx.base.controls.ToggleSwitch;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.Work;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The playground's "Ground in dataset" row: the switch, the dataset version to retrieve from, how many
 * sources, and what retrieval is doing. Turning it on (or picking another version) builds the version's
 * index in the background if it is missing; sending retrieves the sources once for every pane.
 */
public final class GroundingBar extends HBox {

    public static final int DEFAULT_K = 4;

    private final StudioServices services;
    private final GroundingBackend backend;
    private final ToggleSwitch on = new ToggleSwitch("Ground in dataset");
    private final ComboBox<GroundingVersion> version = new ComboBox<>();
    private final Spinner<Integer> k = new Spinner<>(1, 10, DEFAULT_K);
    private final Label status = new Label();

    public GroundingBar(StudioServices services, GroundingBackend backend) {
        this.services = Objects.requireNonNull(services, "services");
        this.backend = Objects.requireNonNull(backend, "backend");
        getStylesheets().add(GroundingStyles.stylesheet());
        getStyleClass().add(GroundingStyles.BAR);
        on.setId("playground-ground");
        version.setId("playground-ground-version");
        version.setPromptText("Dataset version");
        version.setPrefWidth(260);
        k.setId("playground-ground-k");
        k.setPrefWidth(70);
        k.setEditable(true);
        status.setId("playground-ground-status");
        status.getStyleClass().add("text-muted");
        Label sources = new Label("Sources");
        sources.setMinWidth(Region.USE_PREF_SIZE);
        on.setMinWidth(Region.USE_PREF_SIZE);
        getChildren().addAll(on, version, sources, k, status);
        on.selectedProperty().addListener((obs, was, now) -> prepare());
        version.valueProperty().addListener((obs, was, now) -> prepare());
        updateEnabled();
        reload();
    }

    /** Re-reads the versions offered (in the background), keeping the chosen one when still there. */
    public void reload() {
        run("List dataset versions for grounding", c -> backend.versions(), list -> {
            GroundingVersion current = version.getValue();
            version.getItems().setAll(list);
            GroundingVersion keep = current == null ? null
                    : list.stream().filter(v -> v.root().equals(current.root())).findFirst().orElse(null);
            if (keep != null) {
                version.setValue(keep);
            } else if (!list.isEmpty()) {
                version.getSelectionModel().selectFirst();
            }
            if (list.isEmpty()) {
                status.setText("No frozen dataset versions");
            }
            updateEnabled();
        });
    }

    /** Whether the next send is grounded: the switch is on and a version is chosen. */
    public boolean isActive() {
        return on.isSelected() && version.getValue() != null;
    }

    public void setOn(boolean value) {
        on.setSelected(value);
    }

    public void choose(String root) {
        version.getItems().stream().filter(v -> v.root().equals(root)).findFirst().ifPresent(version::setValue);
    }

    public String status() {
        return status.getText();
    }

    /** Retrieves the sources for {@code question} in the background, then hands the version and them on. */
    public void retrieve(String question, BiConsumer<String, List<GroundingSource>> then) {
        GroundingVersion v = version.getValue();
        int count = k.getValue();
        status.setText("Retrieving…");
        run("Retrieve sources from " + v.name(), c -> backend.retrieve(v.root(), question, count), sources -> {
            status.setText(sources.isEmpty() ? "No matching rows: answering without sources"
                    : "Retrieved " + sources.size() + (sources.size() == 1 ? " source" : " sources"));
            then.accept(v.root(), sources);
        });
    }

    private void prepare() {
        updateEnabled();
        GroundingVersion v = version.getValue();
        if (!on.isSelected() || v == null) {
            status.setText(on.isSelected() ? "Pick a dataset version" : "");
            return;
        }
        if (v.indexed()) {
            status.setText("Index ready");
            return;
        }
        status.setText("Indexing " + v.name() + "…");
        run("Index " + v.name() + " for retrieval", c -> {
            backend.prepare(v.root(), c);
            return v;
        }, done -> {
            int at = version.getItems().indexOf(done);
            GroundingVersion ready = new GroundingVersion(done.root(), done.name(), true);
            if (at >= 0) {
                version.getItems().set(at, ready);
            }
            if (version.getValue() == null || version.getValue().root().equals(ready.root())) {
                version.setValue(ready);
            }
        });
    }

    private void updateEnabled() {
        version.setDisable(!on.isSelected() || version.getItems().isEmpty());
        k.setDisable(!on.isSelected());
    }

    private <T> void run(String title, Work<T> work, Consumer<T> then) {
        BackgroundTask.of(title, work).onSuccess(then).onFailure(e -> {
            status.setText("Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            services.errors().report(title, e);
        }).onCancelled(() -> status.setText("Cancelled")).runOn(services.executor());
    }
}
