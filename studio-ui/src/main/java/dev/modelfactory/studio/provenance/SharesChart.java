package dev.modelfactory.studio.provenance;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Contributor shares as horizontal bars, largest first: name, a bar whose length is the share, and the
 * share in percent (the number is always written, so the chart does not rest on length alone).
 */
final class SharesChart extends VBox {

    /** Suffixed with the bar's index (0 = largest share). */
    static final String BAR_ID = "provenance-share-";
    static final String BAR_CLASS = "provenance-share-bar";
    private static final double BAR_WIDTH = 360;

    SharesChart() {
        super(6);
        setId(ProvenancePage.SHARES_ID);
        show(List.of());
    }

    void show(List<ContributorShare> shares) {
        getChildren().clear();
        if (shares.isEmpty()) {
            Label none = new Label("No contributor has positive influence on this output (nothing to credit).");
            none.getStyleClass().add(Styles.TEXT_MUTED);
            getChildren().add(none);
            return;
        }
        int i = 0;
        for (ContributorShare s : shares) {
            Label name = new Label(s.contributor());
            name.setMinWidth(160);
            name.setPrefWidth(160);
            Region bar = new Region();
            bar.getStyleClass().add(BAR_CLASS);
            bar.setStyle("-fx-background-color: -color-accent-emphasis; -fx-background-radius: 3;");
            double width = Math.max(2, BAR_WIDTH * s.bps() / 10_000.0);
            bar.setMinSize(width, 14);
            bar.setMaxSize(width, 14);
            StackPane track = new StackPane(bar);
            track.setAlignment(Pos.CENTER_LEFT);
            track.setMinWidth(BAR_WIDTH);
            track.setPrefWidth(BAR_WIDTH);
            track.setStyle("-fx-background-color: -color-bg-subtle; -fx-background-radius: 3;");
            Label value = new Label(s.percent());
            value.getStyleClass().add(Styles.TEXT_BOLD);
            value.setMinWidth(Region.USE_PREF_SIZE);
            HBox row = new HBox(10, name, track, value);
            HBox.setHgrow(track, Priority.NEVER);
            row.setAlignment(Pos.CENTER_LEFT);
            row.setId(BAR_ID + i++);
            row.setUserData(s);
            getChildren().add(row);
        }
    }
}
