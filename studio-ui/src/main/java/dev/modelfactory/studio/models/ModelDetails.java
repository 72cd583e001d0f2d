package dev.modelfactory.studio.models;

import atlantafx.base.theme.Styles;
import dev.modelfactory.studio.ui.Glyph;
import dev.modelfactory.studio.ui.PageLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Everything about the selected model: all fields with exact numbers, the full path, the id, the problem if
 * any, and Import (copy or reference) for a readable model that is not imported yet.
 */
final class ModelDetails {

    static final String ID = "models-details";
    static final String NAME_ID = "models-detail-name";
    static final String LOCATION_ID = "models-detail-location";
    static final String MODEL_ID_ID = "models-detail-id";
    static final String PROBLEM_ID = "models-detail-problem";
    static final String IMPORT_COPY_ID = "models-import-copy";
    static final String IMPORT_REFERENCE_ID = "models-import-reference";

    private final ModelsViewModel model;
    private final VBox panel = PageLayout.panel();

    ModelDetails(ModelsViewModel model) {
        this.model = model;
        panel.setId(ID);
        panel.getStyleClass().add(ModelStyles.DETAILS);
        model.selectedProperty().addListener((obs, old, now) -> show(now));
        show(model.selectedProperty().get());
    }

    Node node() {
        return panel;
    }

    private void show(LocalModel selected) {
        if (selected == null) {
            Label hint = new Label("Select a model in the table to see everything about it.");
            hint.getStyleClass().add(ModelStyles.DETAILS_HINT);
            panel.getChildren().setAll(hint);
        } else {
            panel.getChildren().setAll(rows(selected));
        }
        PageLayout.markLast(panel);
    }

    private List<Node> rows(LocalModel m) {
        List<Node> rows = new ArrayList<>();
        rows.add(PageLayout.propertyRow("Name", m.name(), NAME_ID, false));
        rows.add(PageLayout.propertyRow("Location", m.location().toString(), LOCATION_ID, true));
        rows.add(PageLayout.propertyRow("Source", m.source().label() + " \u00b7 " + m.format().label(),
                "models-detail-source", false));
        rows.add(PageLayout.propertyRow("Architecture", ModelText.orUnknown(m.architecture()),
                "models-detail-architecture", false));
        rows.add(PageLayout.propertyRow("Parameters", exact(ModelText.parameters(m.parameterCount()),
                m.parameterCount(), ""), "models-detail-parameters", false));
        rows.add(PageLayout.propertyRow("Quantisation", ModelText.orUnknown(m.quantisation()),
                "models-detail-quantisation", false));
        rows.add(PageLayout.propertyRow("Context length", m.contextLength() <= 0 ? ModelText.UNKNOWN
                : ModelText.context(m.contextLength()) + " tokens", "models-detail-context", false));
        rows.add(PageLayout.propertyRow("Size on disk", exact(ModelText.size(m.sizeBytes()), m.sizeBytes(), " bytes"),
                "models-detail-size", false));
        rows.add(PageLayout.propertyRow("Id", m.imported() ? m.id() : "Not imported", MODEL_ID_ID, m.imported()));
        if (m.hasProblem()) {
            rows.add(problemRow(m));
        }
        if (!m.imported() && !m.hasProblem()) { // a file that cannot be read cannot be registered either
            rows.add(PageLayout.row("Import", importActions(m)));
        }
        return rows;
    }

    private static String exact(String human, long value, String unit) {
        return value <= 0 ? human : human + "  (" + String.format(Locale.ENGLISH, "%,d", value) + unit + ")";
    }

    private static Node problemRow(LocalModel m) {
        Label problem = new Label(m.problem(), Glyph.WARNING.node(14));
        problem.setId(PROBLEM_ID);
        problem.setWrapText(true);
        problem.getStyleClass().add(ModelStyles.PROBLEM);
        return PageLayout.row("Problem", problem);
    }

    private Node importActions(LocalModel m) {
        Button copy = new Button(ImportMode.COPY.label(), Glyph.IMPORT.node(14));
        copy.setId(IMPORT_COPY_ID);
        copy.getStyleClass().add(Styles.ACCENT);
        copy.setTooltip(new Tooltip("Copies the files into the workspace and registers them by content hash."));
        copy.setOnAction(event -> model.importModel(m, ImportMode.COPY));
        Button reference = new Button(ImportMode.REFERENCE.label());
        reference.setId(IMPORT_REFERENCE_ID);
        reference.setTooltip(new Tooltip("Registers the files where they are by content hash: no copy, but "
                + "moving or deleting them breaks the model."));
        reference.setOnAction(event -> model.importModel(m, ImportMode.REFERENCE));
        copy.disableProperty().bind(model.busyProperty());
        reference.disableProperty().bind(model.busyProperty());
        HBox actions = new HBox(copy, reference);
        actions.getStyleClass().add(ModelStyles.ACTIONS);
        return actions;
    }
}
