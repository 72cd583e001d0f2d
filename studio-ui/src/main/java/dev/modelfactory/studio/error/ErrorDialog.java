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
    private final List<ErrorReport> shown = new ArrayList<>();

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
        alert.getDialogPane().setPrefWidth(560);
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
        shown.add(report);
        ErrorReport first = shown.getFirst();
        if (shown.size() == 1) {
            alert.setHeaderText(first.source() + " failed");
            alert.setContentText(first.summary());
        } else {
            alert.setHeaderText(shown.size() + " errors occurred");
            alert.setContentText("First: " + first.source() + " failed \u2014 " + first.summary() + "\n"
                    + (shown.size() - 1) + " more followed. Show Details lists every one; the log keeps them too.");
        }
        StringBuilder text = new StringBuilder();
        for (ErrorReport r : shown) {
            text.append(r.time()).append("  ").append(r.source()).append('\n').append(r.stackTrace()).append('\n');
        }
        details.setText(text.toString());
        if (alert.isShowing()) {
            alert.getDialogPane().getScene().getWindow().sizeToScene(); // the message may have grown
        }
    }

    void show() {
        alert.show();
    }

    boolean isShowing() {
        return alert.isShowing();
    }
}
