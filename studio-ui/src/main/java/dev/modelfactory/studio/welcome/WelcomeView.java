package dev.modelfactory.studio.welcome;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The first-run welcome: the four jobs, the workspace folder (typed or chosen), the starter kit offer, the
 * models found on this computer, and "Open the studio". Model detection and opening run on their own daemon
 * threads; the view reports back on the FX thread. A failed open (a locked workspace, a folder that cannot be
 * created) is shown under the button and the user can change the folder and try again.
 */
public final class WelcomeView {

    public static final String WORKSPACE_FIELD_ID = "welcome-workspace";
    public static final String CHOOSE_BUTTON_ID = "welcome-choose";
    public static final String STARTER_CHECK_ID = "welcome-starter";
    public static final String MODELS_ID = "welcome-models";
    public static final String OPEN_BUTTON_ID = "welcome-open";
    public static final String STATUS_ID = "welcome-status";
    private static final int MODELS_SHOWN = 6;

    private final Welcome welcome;
    private final Consumer<StudioContext> onOpened;
    private final TextField workspace = new TextField();
    private final CheckBox starter = new CheckBox();
    private final VBox models = new VBox(4);
    private final Button open = new Button("Open the studio");
    private final Label status = new Label();
    private final ProgressIndicator busy = new ProgressIndicator();
    private final ReadOnlyBooleanWrapper detecting = new ReadOnlyBooleanWrapper(true);
    private final Parent root;

    /**
     * @param welcome  what to offer
     * @param onOpened called on the FX thread with the opened workspace's context
     */
    public WelcomeView(Welcome welcome, Consumer<StudioContext> onOpened) {
        this.welcome = Objects.requireNonNull(welcome, "welcome");
        this.onOpened = Objects.requireNonNull(onOpened, "onOpened");
        root = PageLayout.scrollingPage(
                PageLayout.header("Welcome to ModelFactory Studio", "Turn what you know into better models on this "
                        + "computer, offline. Three choices and you are in; each can be changed later."),
                jobs(), workspaceSection(), starterSection(), modelsSection(), openRow());
        root.getStylesheets().addAll(stylesheet(StudioStyles.CONTROLSFX_BRIDGE), stylesheet(StudioStyles.APP_STYLESHEET));
        detect();
    }

    public Parent root() {
        return root;
    }

    /** True until the model detection has answered (found, none, or failed). */
    public ReadOnlyBooleanProperty detectingProperty() {
        return detecting.getReadOnlyProperty();
    }

    private Node jobs() {
        // One row of four, as on Home, so "Open the studio" is visible without scrolling in the welcome window.
        GridPane cards = new GridPane(14, 14);
        for (int i = 0; i < 4; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(25);
            cards.getColumnConstraints().add(column);
        }
        cards.addRow(0, job(Glyph.CURATE, "1. Curate", "Import datasets with each row's contributor and licence; find "
                        + "duplicates and personal data; undo any edit; freeze versions."),
                job(Glyph.FINE_TUNE, "2. Fine-tune", "Train a LoRA adapter on a base model with the local engine; "
                        + "watch its loss curves live; stop and resume."),
                job(Glyph.COMPARE, "3. Compare", "Ask the base model and your adapters the same questions side "
                        + "by side in the Playground."),
                job(Glyph.ATTRIBUTE, "4. Attribute", "Sign who contributed which data, run and adapter with a key "
                        + "only you hold."));
        return PageLayout.section("What you will do here", null, cards);
    }

    private static Node job(Glyph glyph, String title, String text) {
        StackPane icon = new StackPane(glyph.node(18));
        icon.getStyleClass().add(StudioStyles.JOB_ICON);
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(StudioStyles.JOB_TITLE);
        Label textLabel = new Label(text);
        textLabel.getStyleClass().add(StudioStyles.JOB_TEXT);
        textLabel.setWrapText(true);
        VBox card = new VBox(icon, titleLabel, textLabel);
        card.getStyleClass().add(StudioStyles.JOB_CARD);
        card.setMaxWidth(Double.MAX_VALUE);
        card.setMaxHeight(Double.MAX_VALUE);
        return card;
    }

    private Node workspaceSection() {
        workspace.setId(WORKSPACE_FIELD_ID);
        workspace.setText(welcome.suggestedWorkspace().toString());
        workspace.setPromptText("A folder for this workspace");
        HBox.setHgrow(workspace, Priority.ALWAYS);
        Button choose = new Button("Choose\u2026");
        choose.setId(CHOOSE_BUTTON_ID);
        choose.setOnAction(e -> choose());
        HBox row = new HBox(8, workspace, choose);
        row.setAlignment(Pos.CENTER_LEFT);
        return PageLayout.section("Workspace folder", "Everything you make is kept here: datasets and their history, "
                + "imported models, training runs, adapters and the attribution ledger. It is created if missing.", row);
    }

    private void choose() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose the workspace folder");
        chosenWorkspace().map(Path::toFile).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File picked = chooser.showDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (picked != null) {
            workspace.setText(picked.getAbsolutePath());
        }
    }

    private Node starterSection() {
        starter.setId(STARTER_CHECK_ID);
        starter.setWrapText(true);
        if (welcome.starterKitAvailable()) {
            starter.setText("Install the starter kit: " + welcome.starterKit());
            starter.setSelected(true);
        } else {
            starter.setText("No starter kit was found next to the application (see the user guide's troubleshooting).");
            starter.setDisable(true);
        }
        return PageLayout.section("Starter kit", "A small model trained on this engine and demo datasets, so you can "
                + "try every step in minutes before you bring your own data.", starter);
    }

    private Node modelsSection() {
        models.setId(MODELS_ID);
        models.getChildren().add(new Label("Looking for models from Ollama, the Hugging Face cache and LM Studio\u2026"));
        return PageLayout.section("Models on this computer", "Found models can be imported on the Models page; "
                + "nothing is copied now.", models);
    }

    private Node openRow() {
        open.setId(OPEN_BUTTON_ID);
        open.getStyleClass().add(Styles.ACCENT);
        open.setDefaultButton(true);
        open.setOnAction(e -> openStudio());
        status.setId(STATUS_ID);
        status.setWrapText(true);
        busy.setPrefSize(20, 20);
        busy.setVisible(false);
        HBox row = new HBox(12, open, busy, status);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);
        return PageLayout.section("Ready", null, row);
    }

    private void detect() {
        background("welcome-detect-models", () -> {
            List<DetectedModel> found;
            try {
                found = welcome.detector().detect();
            } catch (Exception e) {
                Platform.runLater(() -> {
                    models.getChildren().setAll(new Label("Could not look for models: " + message(e)));
                    detecting.set(false);
                });
                return;
            }
            Platform.runLater(() -> {
                showModels(found);
                detecting.set(false);
            });
        });
    }

    private void showModels(List<DetectedModel> found) {
        models.getChildren().clear();
        if (found.isEmpty()) {
            models.getChildren().add(new Label("No models found in the usual places. Import a GGUF file or a Hugging "
                    + "Face folder later on the Models page, or start with the starter kit."));
            return;
        }
        models.getChildren().add(new Label("Found " + found.size() + (found.size() == 1 ? " model:" : " models:")));
        for (DetectedModel m : found.stream().limit(MODELS_SHOWN).toList()) {
            Label line = new Label(m.name() + "  \u2014  " + m.source() + "  \u00b7  " + m.location());
            line.getStyleClass().add(StudioStyles.PROPERTY_HINT);
            models.getChildren().add(line);
        }
        if (found.size() > MODELS_SHOWN) {
            models.getChildren().add(new Label("and " + (found.size() - MODELS_SHOWN) + " more on the Models page."));
        }
    }

    private void openStudio() {
        Optional<Path> folder = chosenWorkspace();
        if (folder.isEmpty()) {
            fail("Enter an absolute folder for the workspace.");
            return;
        }
        WelcomeChoice choice = new WelcomeChoice(folder.get(), starter.isSelected() && !starter.isDisabled());
        open.setDisable(true);
        busy.setVisible(true);
        status.getStyleClass().remove(Styles.DANGER);
        status.setText("Opening " + choice.workspace() + "\u2026");
        background("welcome-open", () -> {
            try {
                StudioContext context = welcome.opener().open(choice, line -> Platform.runLater(() -> status.setText(line)));
                Platform.runLater(() -> onOpened.accept(context));
            } catch (Exception e) {
                Platform.runLater(() -> fail(message(e)));
            }
        });
    }

    private void fail(String text) {
        busy.setVisible(false);
        open.setDisable(false);
        status.setText(text);
        if (!status.getStyleClass().contains(Styles.DANGER)) {
            status.getStyleClass().add(Styles.DANGER);
        }
    }

    private Optional<Path> chosenWorkspace() {
        String text = workspace.getText() == null ? "" : workspace.getText().strip();
        try {
            Path p = Path.of(text);
            return text.isEmpty() || !p.isAbsolute() ? Optional.empty() : Optional.of(p.normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static void background(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static String stylesheet(String resource) {
        return Objects.requireNonNull(WelcomeView.class.getResource(resource), resource).toExternalForm();
    }
}
