package dev.modelfactory.studio.pipelines;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.StudioStyles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chosen step: name, kind and status; started, ended, duration; the hashes of what it read and made;
 * its error; "open" links for its outputs; approve / reject (with a reason) while it is a waiting
 * {@code approve} step; and its log.
 */
final class StepDetails extends HBox {

    static final String TITLE_ID = PipelinesPage.STEP_TITLE_ID;
    static final String ERROR_ID = PipelinesPage.STEP_ERROR_ID;
    static final String LOG_ID = PipelinesPage.STEP_LOG_ID;
    static final String APPROVE_ID = PipelinesPage.APPROVE_ID;
    static final String REJECT_ID = PipelinesPage.REJECT_ID;
    static final String REASON_ID = PipelinesPage.REASON_ID;
    static final String LINK_ID_PREFIX = PipelinesPage.LINK_ID_PREFIX;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    private final Label title = new Label("Choose a step in the graph.");
    private final Label status = new Label();
    private final GridPane facts = new GridPane();
    private final Label error = new Label();
    private final FlowPane links = new FlowPane(10, 4);
    private final Button approve = new Button("Approve");
    private final Button reject = new Button("Reject");
    private final TextField reason = new TextField();
    private final HBox decision;
    private final TextArea log = new TextArea();
    private final OutputOpener opener;
    private StepRun step;
    private boolean busy;

    StepDetails(OutputOpener opener, Consumer<StepRun> onApprove, BiConsumer<StepRun, String> onReject) {
        super(16);
        this.opener = opener;
        title.setId(TITLE_ID);
        title.getStyleClass().add(Styles.TITLE_4);
        status.getStyleClass().add("pipeline-status-badge");
        facts.setHgap(12);
        facts.setVgap(3);
        error.setId(ERROR_ID);
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        approve.setId(APPROVE_ID);
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setOnAction(e -> onApprove.accept(step));
        reason.setId(REASON_ID);
        reason.setPromptText("Reason for rejecting");
        reason.setPrefColumnCount(16);
        HBox.setHgrow(reason, Priority.ALWAYS);
        approve.setMinWidth(Region.USE_PREF_SIZE);
        reject.setMinWidth(Region.USE_PREF_SIZE);
        reason.textProperty().addListener((o, a, b) -> updateButtons());
        reject.setId(REJECT_ID);
        reject.getStyleClass().add(Styles.DANGER);
        reject.setOnAction(e -> onReject.accept(step, reason.getText().strip()));
        decision = new HBox(8, approve, reason, reject);
        decision.setAlignment(Pos.CENTER_LEFT);
        log.setId(LOG_ID);
        log.setEditable(false);
        log.setWrapText(true);
        log.getStyleClass().add(StudioStyles.MONOSPACE);
        log.setPrefRowCount(12);
        HBox head = new HBox(10, title, status);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox left = new VBox(8, head, facts, error, links, decision);
        left.setPrefWidth(420);
        left.setMinWidth(360);
        Label logTitle = new Label("Log");
        logTitle.getStyleClass().add(Styles.TEXT_BOLD);
        VBox right = new VBox(4, logTitle, log);
        VBox.setVgrow(log, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        getChildren().addAll(left, right);
        show(null, "");
    }

    /** Shows {@code shown} (null: none chosen) with {@code logText} as its log so far. */
    void show(StepRun shown, String logText) {
        boolean sameStep = step != null && shown != null && step.id().equals(shown.id());
        step = shown;
        if (!sameStep) {
            reason.clear();
        }
        facts.getChildren().clear();
        links.getChildren().clear();
        status.getStyleClass().removeIf(c -> c.startsWith("status-"));
        if (shown == null) {
            title.setText("Choose a step in the graph.");
            status.setText("");
            error.setText("");
            log.setText("");
            updateButtons();
            return;
        }
        title.setText(shown.id() + "  \u00b7  " + shown.kind());
        status.setText(shown.status().label());
        status.getStyleClass().add(StatusIcons.styleClass(shown.status()));
        int row = 0;
        row = fact(row, "Started", shown.started() == null ? "\u2014" : WHEN.format(shown.started()));
        row = fact(row, "Ended", shown.ended() == null ? "\u2014" : WHEN.format(shown.ended()));
        row = fact(row, "Duration", Durations.text(shown.duration()));
        row = hashes(row, "in", shown.inputHashes());
        hashes(row, "out", shown.outputHashes());
        error.setText(shown.error() == null ? "" : shown.error());
        for (int i = 0; i < shown.links().size(); i++) {
            links.getChildren().add(link(shown.links().get(i), i));
        }
        if (!log.getText().equals(logText)) {
            log.setText(logText);
            log.positionCaret(logText.length());
        }
        updateButtons();
    }

    /** While a backend call drives the run, approve and reject stay disabled. */
    void setBusy(boolean value) {
        busy = value;
        updateButtons();
    }

    private void updateButtons() {
        boolean waiting = step != null && step.awaitsApproval() && !busy;
        decision.setVisible(step != null && "approve".equals(step.kind()));
        decision.setManaged(decision.isVisible());
        approve.setDisable(!waiting);
        reason.setDisable(!waiting);
        reject.setDisable(!waiting || reason.getText().isBlank());
    }

    private int fact(int row, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.getStyleClass().add(StudioStyles.MONOSPACE);
        facts.addRow(row, n, v);
        return row + 1;
    }

    private int hashes(int row, String direction, Map<String, String> hashes) {
        for (var e : new java.util.TreeMap<>(hashes).entrySet()) {
            row = fact(row, direction + " " + e.getKey(), shortHash(e.getValue()));
        }
        return row;
    }

    private static String shortHash(String hash) {
        String bare = hash.startsWith("sha256:") ? hash.substring(7) : hash;
        return bare.length() > 16 ? bare.substring(0, 16) + "\u2026" : bare;
    }

    private Node link(OutputLink output, int index) {
        if (output.kind() == OutputLink.Kind.FILE || !opener.canOpen(output)) {
            Label text = new Label(output.label());
            text.setId(LINK_ID_PREFIX + index);
            text.getStyleClass().add(Styles.TEXT_MUTED);
            return text;
        }
        Hyperlink open = new Hyperlink("open " + output.label());
        open.setId(LINK_ID_PREFIX + index);
        open.setOnAction(e -> opener.open(output, open));
        return open;
    }

    Button approveButton() {
        return approve;
    }

    Button rejectButton() {
        return reject;
    }
}
