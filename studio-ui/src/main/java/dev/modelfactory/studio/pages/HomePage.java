package dev.modelfactory.studio.pages;

import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import dev.modelfactory.studio.ui.StudioStyles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The start page: what the studio is for, the open workspace, the compute device, and the tasks. */
public final class HomePage implements Page {

    public static final String ID = "home";
    /** Node ids of the values tests and users look for. */
    public static final String WORKSPACE_FOLDER_ID = "home-workspace-folder";
    public static final String SCHEMA_VERSION_ID = "home-schema-version";
    public static final String COMPUTE_DEVICE_ID = "home-compute-device";

    private final StudioContext context;
    private final TaskRegistry tasks;
    private final Node view;

    public HomePage(StudioContext context, TaskRegistry tasks) {
        this.context = context;
        this.tasks = tasks;
        this.view = PageLayout.scrollingPage(
                hero(),
                jobsSection(),
                workspaceSection(),
                computeSection(),
                tasksSection());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Home";
    }

    @Override
    public Node icon() {
        return Glyph.HOME.node(16);
    }

    @Override
    public Node view() {
        return view;
    }

    private Node hero() {
        Label title = new Label("ModelFactory Studio");
        title.getStyleClass().add(StudioStyles.HERO_TITLE);
        Label version = new Label("v" + context.appVersion());
        version.getStyleClass().add(StudioStyles.VERSION_BADGE);
        HBox titleRow = new HBox(12, title, version);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        Label lead = new Label("Turn your expertise into fine-tuned models on this workstation: curate the data, "
                + "train LoRA adapters, compare them, and keep every contributor's part on record. "
                + "Everything works offline.");
        lead.getStyleClass().add(StudioStyles.PAGE_SUBTITLE);
        lead.setWrapText(true);
        VBox hero = new VBox(8, titleRow, lead);
        hero.getStyleClass().addAll(StudioStyles.HERO, StudioStyles.PAGE_HEADER);
        return hero;
    }

    private Node jobsSection() {
        GridPane cards = new GridPane(14, 14);
        for (int i = 0; i < 4; i++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(25);
            column.setFillWidth(true);
            cards.getColumnConstraints().add(column);
        }
        cards.addRow(0,
                jobCard(Glyph.CURATE, "Curate", "Build versioned datasets; every row and version is content-hashed."),
                jobCard(Glyph.FINE_TUNE, "Fine-tune", "Train LoRA adapters on the local CPU or GPU engine, with live curves."),
                jobCard(Glyph.COMPARE, "Compare", "Run adapters side by side on the same prompts and hot-swap them."),
                jobCard(Glyph.ATTRIBUTE, "Attribute", "Sign who contributed what as verifiable attribution records."));
        return PageLayout.section("What the studio is for", null, cards);
    }

    private static Node jobCard(Glyph glyph, String title, String text) {
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
        return PageLayout.section("Workspace", "Datasets, adapters, models and attribution records live here.",
                PageLayout.panel(
                        PageLayout.propertyRow("Folder", context.workspaceFolder(), WORKSPACE_FOLDER_ID, true),
                        PageLayout.propertyRow("Schema version", context.schemaVersion(), SCHEMA_VERSION_ID, false)));
    }

    private Node computeSection() {
        return PageLayout.section("Compute", "Where training, generation and evaluation run.",
                PageLayout.panel(
                        PageLayout.propertyRow("Device", context.computeDevice(), COMPUTE_DEVICE_ID, false)));
    }

    private Node tasksSection() {
        return PageLayout.section("Tasks", "Background work of this session, newest first.",
                new TaskListView(tasks));
    }
}
