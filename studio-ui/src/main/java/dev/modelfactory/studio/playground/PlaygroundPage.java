package dev.modelfactory.studio.playground;

import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.Work;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Playground: load one base model, add PEFT adapters over it, and compare up to four panes streaming at
 * once from the shared base, each on the base or an adapter. Below, the memory meter and the adapter list
 * (resident / on disk, pin / evict). Loading and adapter I/O run as background tasks; streams run in the
 * engine and reach the FX thread coalesced. With a {@link GroundingBackend}, a "Ground in dataset" row retrieves
 * rows of a dataset version for each prompt and every pane answers from them with numbered citations.
 */
public final class PlaygroundPage implements Page {

    public static final int MAX_PANES = 4;

    private final StudioServices services;
    private final PlaygroundBackend backend;
    private final PlaygroundChooser chooser;
    private final ComboBox<String> model = new ComboBox<>();
    private final Button load = new Button("Load");
    private final Label loaded = new Label("No model loaded");
    private final Button addAdapter = new Button("Add adapter…");
    private final Spinner<Integer> paneCount = new Spinner<>(1, MAX_PANES, 2);
    private final ToggleButton chatMode = new ToggleButton("Chat");
    private final ToggleButton completionMode = new ToggleButton("Completion");
    private final TextArea prompt = new TextArea();
    private final Button send = new Button("Send to all");
    private final Button stopAll = new Button("Stop all");
    private final TextField contributor = new TextField(System.getProperty("user.name", ""));
    private final Button export = new Button("Export JSONL…");
    private final HBox paneBox = new HBox(10);
    private final List<PlaygroundPane> panes = new ArrayList<>();
    private final MemoryMeter meter = new MemoryMeter();
    private final AdapterListView adapterList;
    private final Timeline refresher = new Timeline(new KeyFrame(Duration.millis(500), e -> refresh()));
    private final BorderPane root = new BorderPane();
    private final GroundingBar grounding;
    private PlaygroundEngine engine;

    public PlaygroundPage(StudioServices services, PlaygroundBackend backend, PlaygroundChooser chooser) {
        this(services, backend, chooser, null);
    }

    /** A playground whose answers can be grounded in dataset versions ({@code grounding} null: no grounding). */
    public PlaygroundPage(StudioServices services, PlaygroundBackend backend, PlaygroundChooser chooser,
                          GroundingBackend grounding) {
        this.services = Objects.requireNonNull(services, "services");
        this.grounding = grounding == null ? null : new GroundingBar(services, grounding);
        this.backend = Objects.requireNonNull(backend, "backend");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.adapterList = new AdapterListView(new AdapterListView.Actions() {
            @Override
            public void pin(String id, boolean pin) {
                background(pin ? "Pin adapter " + id : "Unpin adapter " + id, c -> {
                    if (pin) {
                        engine.pin(id);
                    } else {
                        engine.unpin(id);
                    }
                    return null;
                }, done -> refresh());
            }

            @Override
            public void evict(String id) {
                engine.evict(id);
                refresh();
            }
        });
        for (int i = 0; i < MAX_PANES; i++) {
            panes.add(new PlaygroundPane(i, e -> services.errors().report("Playground", e)));
        }
        root.setId("playground");
        root.setPadding(new Insets(20, 24, 16, 24));
        VBox top = new VBox(12, header(), controls(), promptRow());
        if (this.grounding != null) {
            top.getChildren().add(2, this.grounding);
        }
        root.setTop(top);
        root.setCenter(paneBox);
        root.setBottom(footer());
        BorderPane.setMargin(paneBox, new Insets(12, 0, 12, 0));
        paneCount.valueProperty().addListener((obs, was, now) -> layoutPanes());
        layoutPanes();
        refresher.setCycleCount(Timeline.INDEFINITE);
        model.getItems().setAll(backend.models());
        if (!model.getItems().isEmpty()) {
            model.getSelectionModel().selectFirst();
        }
        updateEnabled();
    }

    public static PageFactory factory(PlaygroundBackend backend) {
        return factory(backend, PlaygroundChooser.system());
    }

    public static PageFactory factory(PlaygroundBackend backend, PlaygroundChooser chooser) {
        return services -> new PlaygroundPage(services, backend, chooser);
    }

    /** The playground with grounded answers from {@code grounding}'s dataset versions. */
    public static PageFactory factory(PlaygroundBackend backend, GroundingBackend grounding) {
        return services -> new PlaygroundPage(services, backend, PlaygroundChooser.system(), grounding);
    }

    private Node header() {
        model.setId("playground-model");
        model.setPromptText("Registered models");
        model.setPrefWidth(200);
        load.setId("playground-load");
        load.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        loaded.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        load.setOnAction(e -> loadModel());
        loaded.setId("playground-loaded");
        loaded.getStyleClass().add("text-muted");
        return PageLayout.header("Playground",
                "One base model, many adapters: compare answers side by side as they stream.", loaded, model, load);
    }

    private Node controls() {
        addAdapter.setId("playground-add-adapter");
        addAdapter.setOnAction(e -> chooser.adapterFolder(root.getScene().getWindow()).ifPresent(this::addAdapter));
        paneCount.setId("playground-pane-count");
        paneCount.setPrefWidth(70);
        ToggleGroup mode = new ToggleGroup();
        chatMode.setToggleGroup(mode);
        completionMode.setToggleGroup(mode);
        chatMode.setId("playground-chat");
        completionMode.setId("playground-completion");
        completionMode.setSelected(true);
        mode.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always chosen
            }
        });
        contributor.setId("playground-contributor");
        contributor.setPromptText("Contributor");
        contributor.setPrefColumnCount(10);
        export.setId("playground-export");
        export.setOnAction(e -> chooser.exportFile(root.getScene().getWindow()).ifPresent(this::exportTo));
        Label panesLabel = new Label("Panes");
        Label contributorLabel = new Label("Contributor");
        HBox row = new HBox(10, addAdapter, panesLabel, paneCount, new HBox(chatMode, completionMode),
                PageLayout.hgap(), contributorLabel, contributor, export);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node promptRow() {
        prompt.setId("playground-prompt");
        prompt.setPromptText("Prompt: sent to every pane");
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        HBox.setHgrow(prompt, Priority.ALWAYS);
        send.setId("playground-send");
        send.setDefaultButton(false);
        send.setOnAction(e -> sendToAll());
        stopAll.setId("playground-stop-all");
        stopAll.setOnAction(e -> panes.forEach(PlaygroundPane::stop));
        VBox buttons = new VBox(6, send, stopAll);
        send.setMaxWidth(Double.MAX_VALUE);
        stopAll.setMaxWidth(Double.MAX_VALUE);
        return new HBox(10, prompt, buttons);
    }

    private Node footer() {
        Label memory = new Label("Memory");
        memory.getStyleClass().add("title-4");
        Label adapters = new Label("Adapters");
        adapters.getStyleClass().add("title-4");
        return new VBox(6, memory, meter, adapters, adapterList);
    }

    private void layoutPanes() {
        paneBox.getChildren().setAll(panes.subList(0, paneCount.getValue()));
        for (PlaygroundPane p : panes.subList(paneCount.getValue(), MAX_PANES)) {
            p.stop();
        }
    }

    /** Shows {@code n} panes (1 to {@link #MAX_PANES}); hidden panes stop streaming. */
    public void setPaneCount(int n) {
        paneCount.getValueFactory().setValue(n);
    }

    /** The panes shown now, left to right. */
    public List<PlaygroundPane> visiblePanes() {
        return List.copyOf(panes.subList(0, paneCount.getValue()));
    }

    /** Loads the chosen model in the background, replacing (and closing) the one loaded before. */
    public void loadModel() {
        String name = model.getValue();
        if (name == null) {
            return;
        }
        load.setDisable(true);
        loaded.setText("Loading " + name + "…");
        background("Load " + name + " for the playground", c -> backend.open(name), opened -> {
            PlaygroundEngine old = engine;
            engine = opened;
            panes.forEach(p -> p.attach(opened));
            if (old != null) {
                old.close();
            }
            loaded.setText(opened.baseName() + (opened.hasChatTemplate() ? " · chat template" : " · completion only"));
            chatMode.setDisable(!opened.hasChatTemplate());
            if (!opened.hasChatTemplate()) {
                completionMode.setSelected(true);
            }
            refresher.play();
            refresh();
        });
    }

    /** Registers a PEFT folder with the loaded base (the header checks run in the background). */
    public void addAdapter(Path folder) {
        if (engine == null) {
            return;
        }
        PlaygroundEngine e = engine;
        background("Add adapter " + folder.getFileName(), c -> e.register(folder), id -> refresh());
    }

    /**
     * Sends the prompt to every visible pane; they stream at the same time. When grounding is on, the sources
     * are retrieved first (in the background, once for all panes).
     */
    public void sendToAll() {
        String text = prompt.getText();
        if (engine == null || text.isBlank()) {
            return;
        }
        boolean chat = chatMode.isSelected();
        if (grounding != null && grounding.isActive()) {
            grounding.retrieve(text, (version, sources) -> {
                for (PlaygroundPane p : visiblePanes()) {
                    p.sendGrounded(text, chat, version, sources);
                }
                updateEnabled();
            });
            return;
        }
        for (PlaygroundPane p : visiblePanes()) {
            p.send(text, chat);
        }
        updateEnabled();
    }

    /** The "Ground in dataset" row, or null when this playground has no grounding backend. */
    public GroundingBar grounding() {
        return grounding;
    }

    /** Writes every visible pane's conversation to {@code file} as JSONL (OpenAI chat format). */
    public void exportTo(Path file) {
        String base = engine == null ? "" : engine.baseName();
        List<ConversationExport.Entry> entries = visiblePanes().stream()
                .map(p -> new ConversationExport.Entry(base, p.replyAdapter(), p.conversation())).toList();
        String who = contributor.getText().trim();
        background("Export conversations", c -> {
            ConversationExport.write(file, entries, who);
            return file;
        }, written -> { });
    }

    /** Re-reads the adapter states and memory figures (cheap; also runs twice a second while loaded). */
    public void refresh() {
        if (engine == null) {
            meter.show(null);
            adapterList.show(List.of());
            updateEnabled();
            return;
        }
        List<AdapterState> states = engine.adapters();
        adapterList.show(states);
        List<String> ids = states.stream().map(AdapterState::id).toList();
        panes.forEach(p -> p.setAdapters(ids));
        meter.show(engine.memory());
        updateEnabled();
    }

    private void updateEnabled() {
        boolean none = engine == null;
        load.setDisable(model.getValue() == null);
        addAdapter.setDisable(none);
        send.setDisable(none);
        export.setDisable(none);
    }

    private <T> void background(String title, Work<T> work, Consumer<T> then) {
        BackgroundTask.of(title, work)
                .onSuccess(then)
                .onFailure(e -> {
                    services.errors().report(title, e);
                    updateEnabled();
                    if (engine == null) {
                        loaded.setText("No model loaded");
                    }
                })
                .runOn(services.executor());
    }

    /** The loaded engine, or null. */
    public PlaygroundEngine engine() {
        return engine;
    }

    @Override
    public String id() {
        return "playground";
    }

    @Override
    public String title() {
        return "Playground";
    }

    @Override
    public Node icon() {
        return Glyph.COMPARE.node(16);
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void onShow() {
        refresh();
    }
}
