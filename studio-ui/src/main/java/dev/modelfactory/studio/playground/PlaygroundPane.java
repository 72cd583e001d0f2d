package dev.modelfactory.studio.playground;

import dev.modelfactory.studio.OpenPageEvent;
import dev.modelfactory.studio.provenance.OutputChoice;
import dev.modelfactory.studio.provenance.ProvenancePage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One column of the playground: which model answers (the base or an adapter), its generation settings, its
 * own conversation, and the live figures of its stream. Changing the adapter while streaming switches the
 * running request from its next token on. FX thread only; streamed text arrives through a
 * {@link TextCoalescer}. A grounded turn ({@link #sendGrounded}) shows the plain question in the conversation while
 * the model sees it with its numbered sources ({@link GroundedPrompt}); the answer's citations are listed below.
 */
public final class PlaygroundPane extends VBox {

    /** The adapter choice that means "the base model". */
    public static final String BASE = "Base model";

    private final int index;
    private final Consumer<Throwable> errors;
    private final ObservableList<String> choices = FXCollections.observableArrayList(BASE);
    private final ComboBox<String> adapter = new ComboBox<>(choices);
    private final Spinner<Double> temperature = new Spinner<>(0.0, 2.0, 0.0, 0.1);
    private final Spinner<Double> topP = new Spinner<>(0.05, 1.0, 1.0, 0.05);
    private final Spinner<Integer> maxTokens = new Spinner<>(1, 4096, 64, 16);
    private final TextField seed = new TextField("1");
    private final TextArea transcript = new TextArea();
    private final Label stats = new Label("Idle");
    private final Button stop = new Button("Stop");
    private final Button regenerate = new Button("Regenerate");
    private final Button copy = new Button("Copy");
    private final Button attribute = new Button("Attribute");
    private final List<ChatMessage> history = new ArrayList<>();
    private final StringBuilder reply = new StringBuilder();
    private PlaygroundEngine engine;
    private PaneStream stream;
    private boolean chat;
    private long startNanos;
    private final AtomicInteger streamedTokens = new AtomicInteger();
    private String replyAdapter;
    private long lastSwap = -1;
    private StreamResult lastResult;
    /** History index of a grounded user turn -> the prompt the model saw for it. */
    private final Map<Integer, String> groundedTurns = new HashMap<>();
    private String groundVersion;
    private String groundQuestion;
    private List<GroundingSource> groundSources = List.of();
    private GroundedAnswer grounded;
    private final CitationsView citations = new CitationsView();
    private final ScrollPane citationsScroll = new ScrollPane(citations);

    public PlaygroundPane(int index, Consumer<Throwable> errors) {
        this.index = index;
        this.errors = errors;
        setId("pane-" + index);
        getStyleClass().add("playground-pane");
        setSpacing(6);
        HBox.setHgrow(this, Priority.ALWAYS);
        setMaxWidth(Double.MAX_VALUE);
        adapter.getSelectionModel().select(BASE);
        adapter.getStyleClass().add("pane-adapter");
        adapter.setMaxWidth(Double.MAX_VALUE);
        adapter.valueProperty().addListener((obs, was, now) -> onAdapterChosen(now));
        for (Spinner<?> s : List.of(temperature, topP, maxTokens)) {
            s.setEditable(true);
            s.setPrefWidth(80);
            s.setMinWidth(60);
        }
        temperature.getStyleClass().add("pane-temperature");
        topP.getStyleClass().add("pane-top-p");
        maxTokens.getStyleClass().add("pane-max-tokens");
        seed.getStyleClass().add("pane-seed");
        seed.setPrefColumnCount(3);
        transcript.setEditable(false);
        transcript.setWrapText(true);
        transcript.getStyleClass().add("pane-text");
        VBox.setVgrow(transcript, Priority.ALWAYS);
        stats.getStyleClass().add("pane-stats");
        stop.getStyleClass().add("pane-stop");
        regenerate.getStyleClass().add("pane-regenerate");
        copy.getStyleClass().add("pane-copy");
        stop.setOnAction(e -> stop());
        regenerate.setOnAction(e -> regenerate());
        copy.setOnAction(e -> copyReply());
        GridPane settings = new GridPane(8, 4);
        settings.addRow(0, muted("Temp"), temperature, muted("Top-p"), topP);
        settings.addRow(1, muted("Max"), maxTokens, muted("Seed"), seed);
        transcript.setMinHeight(100);
        transcript.setPrefRowCount(5);
        stats.setWrapText(true);
        stats.setMaxWidth(Double.MAX_VALUE);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        for (Button b : List.of(stop, regenerate, copy)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        citationsScroll.setFitToWidth(true);
        citationsScroll.setMinHeight(170); // room for the answer and two sources before scrolling
        citationsScroll.setMaxHeight(320);
        citationsScroll.visibleProperty().bind(citations.visibleProperty());
        citationsScroll.managedProperty().bind(citations.managedProperty());
        citationsScroll.getStyleClass().add("edge-to-edge");
        attribute.getStyleClass().add("pane-attribute");
        attribute.setOnAction(e -> attributeReply());
        getChildren().addAll(adapter, settings, transcript, citationsScroll, stats,
                new javafx.scene.layout.FlowPane(6, 6, stop, regenerate, copy, attribute));
        updateButtons();
    }

    private static Label muted(String name) {
        Label l = new Label(name);
        l.getStyleClass().add("text-muted");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** Uses {@code e} for the next generations (null: no model loaded); forgets the conversation. */
    public void attach(PlaygroundEngine e) {
        stop();
        engine = e;
        history.clear();
        clearGrounding();
        reply.setLength(0);
        transcript.clear();
        updateButtons();
    }

    /** The registered adapters offered in the chooser (the current choice is kept when still there). */
    public void setAdapters(List<String> ids) {
        String current = adapter.getValue();
        List<String> all = new ArrayList<>();
        all.add(BASE);
        all.addAll(ids);
        if (!choices.equals(all)) {
            choices.setAll(all);
            adapter.setValue(all.contains(current) ? current : BASE);
        }
    }

    /** Chooses the pane's adapter (null: base). */
    public void choose(String adapterId) {
        adapter.setValue(adapterId == null ? BASE : adapterId);
    }

    /** The chosen adapter id, or null for the base. */
    public String chosenAdapter() {
        String v = adapter.getValue();
        return v == null || BASE.equals(v) ? null : v;
    }

    public PaneSettings settings() {
        long s;
        try {
            s = Long.parseLong(seed.getText().trim());
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException("Pane " + (index + 1) + ": seed must be a whole number, got \""
                    + seed.getText() + "\"");
        }
        return new PaneSettings(temperature.getValue(), topP.getValue(), maxTokens.getValue(), s);
    }

    public void setSettings(PaneSettings s) {
        temperature.getValueFactory().setValue(s.temperature());
        topP.getValueFactory().setValue(s.topP());
        maxTokens.getValueFactory().setValue(s.maxTokens());
        seed.setText(Long.toString(s.seed()));
    }

    /** Adds the user's turn to this pane's conversation and streams the answer. */
    public void send(String userText, boolean chatMode) {
        sendGrounded(userText, chatMode, null, List.of());
    }

    /**
     * Adds the user's turn and streams the answer grounded in {@code sources} from dataset version
     * {@code versionRoot}: the model sees the question with the numbered sources; the citations of its answer
     * are listed under it. With no sources this is a plain {@link #send}.
     */
    public void sendGrounded(String userText, boolean chatMode, String versionRoot, List<GroundingSource> sources) {
        if (engine == null || userText.isBlank()) {
            return;
        }
        stop();
        if (!chatMode) {
            history.clear(); // completion mode: each prompt stands alone
            groundedTurns.clear();
        }
        history.add(new ChatMessage("user", userText));
        groundSources = versionRoot == null ? List.of() : List.copyOf(sources);
        groundVersion = groundSources.isEmpty() ? null : versionRoot;
        groundQuestion = userText;
        if (!groundSources.isEmpty()) {
            groundedTurns.put(history.size() - 1, GroundedPrompt.build(userText, groundSources));
        }
        generate(chatMode);
    }

    /** The last grounded answer with its sources and citations (null when the last answer was not grounded). */
    public GroundedAnswer groundedAnswer() {
        return grounded;
    }

    /** The messages the model is given: the conversation, with grounded user turns as their grounded prompts. */
    List<ChatMessage> modelMessages() {
        List<ChatMessage> out = new ArrayList<>(history.size());
        for (int i = 0; i < history.size(); i++) {
            String prompt = groundedTurns.get(i);
            out.add(prompt == null ? history.get(i) : new ChatMessage(history.get(i).role(), prompt));
        }
        return List.copyOf(out);
    }

    private void clearGrounding() {
        groundedTurns.clear();
        groundSources = List.of();
        groundVersion = null;
        grounded = null;
        citations.show(null);
    }

    /** Drops the last answer and generates it again (same settings, so same text at the same seed). */
    public void regenerate() {
        if (engine == null || history.isEmpty()) {
            return;
        }
        stop();
        if (history.getLast().role().equals("assistant")) {
            history.removeLast();
        }
        generate(chat);
    }

    /** Cancels the running stream; what arrived so far stays in the conversation. */
    public void stop() {
        if (stream != null) {
            stream.cancel();
        }
    }

    public boolean isStreaming() {
        return stream != null;
    }

    /** The conversation so far, including the answer being streamed. */
    public List<ChatMessage> conversation() {
        List<ChatMessage> all = new ArrayList<>(history);
        if (stream != null) {
            all.add(new ChatMessage("assistant", reply.toString()));
        }
        return List.copyOf(all);
    }

    /** The adapter (null: base) the last answer was generated with, for export. */
    public String replyAdapter() {
        return replyAdapter;
    }

    private void generate(boolean chatMode) {
        chat = chatMode;
        PaneSettings s = settings();
        reply.setLength(0);
        lastSwap = -1;
        lastResult = null;
        replyAdapter = chosenAdapter();
        grounded = null;
        citations.show(null);
        render();
        TextCoalescer coalescer = new TextCoalescer(this::onText);
        streamedTokens.set(0);
        startNanos = System.nanoTime();
        PaneStream started = engine.start(chosenAdapter(), modelMessages(), chatMode, s, text -> {
            streamedTokens.incrementAndGet();
            coalescer.append(text);
        });
        stream = started;
        stats.setText("Streaming…");
        updateButtons();
        started.done().whenComplete((result, failure) -> Platform.runLater(() -> {
            coalescer.flush();
            finish(started, result, failure);
        }));
    }

    private void onText(String text) {
        reply.append(text);
        transcript.appendText(text);
        if (stream != null) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            stats.setText(figures(streamedTokens.get(), seconds > 0 ? streamedTokens.get() / seconds : 0));
        }
    }

    private void finish(PaneStream ended, StreamResult result, Throwable failure) {
        if (stream != ended) {
            return;
        }
        stream = null;
        history.add(new ChatMessage("assistant", reply.toString()));
        if (failure != null) {
            stats.setText("Failed: " + rootMessage(failure));
            errors.accept(failure);
        } else {
            lastResult = result;
            stats.setText(figures(result.tokens().length, result.tokensPerSecond()) + " · "
                    + result.stopReason().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (!groundSources.isEmpty()) {
                grounded = GroundedAnswer.of(groundVersion, groundQuestion, reply.toString(), groundSources);
                citations.show(grounded);
            }
        }
        updateButtons();
    }

    private String figures(int tokens, double tokensPerSecond) {
        String swap = "";
        if (stream != null && stream.lastSwapNanos() >= 0) {
            lastSwap = stream.lastSwapNanos();
        }
        if (lastSwap >= 0) {
            swap = String.format(Locale.ROOT, " · swap %.3f ms", lastSwap / 1e6);
        }
        return String.format(Locale.ROOT, "%d tokens · %.1f tok/s%s", tokens, tokensPerSecond, swap);
    }

    private void onAdapterChosen(String now) {
        if (stream != null) {
            stream.switchAdapter(BASE.equals(now) ? null : now);
        }
    }

    private void copyReply() {
        ClipboardContent content = new ClipboardContent();
        content.putString(history.isEmpty() ? reply.toString() : history.getLast().content());
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** "Attribute this output": opens the Attribution page with the last answer, its prompt and adapter. */
    private void attributeReply() {
        String prompt = history.size() >= 2 ? history.get(history.size() - 2).content() : "";
        String label = "pane " + (index + 1) + ": " + (prompt.length() > 40 ? prompt.substring(0, 39) + "…" : prompt);
        attribute.fireEvent(new OpenPageEvent(ProvenancePage.ID, new OutputChoice(OutputChoice.PLAYGROUND, label, prompt,
                replyText(), replyAdapter == null ? "" : replyAdapter)));
    }

    private void render() {
        StringBuilder text = new StringBuilder();
        for (ChatMessage m : history) {
            text.append(m.role().equals("user") ? "▶ " : "").append(m.content()).append("\n\n");
        }
        transcript.setText(text.toString());
    }

    private void updateButtons() {
        stop.setDisable(stream == null);
        regenerate.setDisable(engine == null || stream != null || history.isEmpty());
        copy.setDisable(history.isEmpty());
        attribute.setDisable(stream != null || history.isEmpty() || !history.getLast().role().equals("assistant"));
    }

    /** The text of the answer streamed so far (the last answer once finished). */
    public String replyText() {
        if (stream == null && !history.isEmpty() && history.getLast().role().equals("assistant")) {
            return history.getLast().content();
        }
        return reply.toString();
    }

    /** How the last finished generation ended (tokens, speed, stop reason), or null. */
    public StreamResult lastResult() {
        return lastResult;
    }

    public String stats() {
        return stats.getText();
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
