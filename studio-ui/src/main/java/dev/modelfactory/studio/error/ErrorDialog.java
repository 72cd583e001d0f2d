package dev.modelfactory.studio.error;

import dev.modelfactory.studio.ui.StudioStyles;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The error dialog: the message in plain words first, the stack traces behind "Show details". Errors that
 * arrive while it is open are appended (the header then counts them) rather than opening another dialog.
 */
final class ErrorDialog {

    static final String STYLE_CLASS = "studio-error-dialog";
    static final String DETAILS_ID = "error-details";

    private final Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
    private final TextArea details = new TextArea();
    /** Details keep the first error and the latest ones; an error raised in a loop must not grow them forever. */
    static final int MAX_DETAILED = 20;

    private final List<ErrorReport> shown = new ArrayList<>();
    private ErrorReport first;
    private int total;

    ErrorDialog(Window owner) {
        alert.setTitle("ModelFactory Studio \u2014 Error");
        alert.initModality(Modality.NONE);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.getDialogPane().getStyleClass().add(STYLE_CLASS);
        var stylesheet = ErrorDialog.class.getResource(StudioStyles.APP_STYLESHEET);
        if (stylesheet != null) {
            alert.getDialogPane().getStylesheets().add(stylesheet.toExternalForm());
        }
        alert.getDialogPane().setExpandableContent(detailsPane());
        alert.getDialogPane().setPrefWidth(640);
        alert.setResizable(true);
    }

    private VBox detailsPane() {
        details.setId(DETAILS_ID);
        details.setEditable(false);
        details.setWrapText(false);
        details.setPrefRowCount(16);
        details.getStyleClass().add(StudioStyles.MONOSPACE);
        VBox.setVgrow(details, Priority.ALWAYS);
        return new VBox(details);
    }

    void add(ErrorReport report) {
        total++;
        if (first == null) {
            first = report;
        } else {
            shown.add(report);
            if (shown.size() > MAX_DETAILED - 1) {
                shown.removeFirst();
            }
        }
        if (total == 1) {
            alert.setHeaderText(first.source() + " failed");
            alert.setContentText(first.summary());
        } else {
            alert.setHeaderText(total + " errors occurred");
            alert.setContentText("First: " + first.source() + " failed \u2014 " + first.summary() + "\n"
                    + (total - 1) + " more followed. Show Details lists " + (total > MAX_DETAILED ? "the latest"
                    : "every one") + "; the log keeps them all.");
        }
        StringBuilder text = new StringBuilder();
        append(text, first);
        if (total > MAX_DETAILED) {
            text.append("\u2026 ").append(total - MAX_DETAILED).append(" more in the log \u2026\n\n");
        }
        shown.forEach(r -> append(text, r));
        details.setText(text.toString());
        if (alert.isShowing()) {
            alert.getDialogPane().getScene().getWindow().sizeToScene(); // the message may have grown
        }
    }

    private static void append(StringBuilder text, ErrorReport r) {
        text.append(r.time()).append("  ").append(r.source()).append('\n').append(r.stackTrace()).append('\n');
    }

    void show() {
        alert.show();
    }

    boolean isShowing() {
        return alert.isShowing();
    }
}
