package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.prefs.ThemeManager;
import dev.modelfactory.studio.ui.StudioStyles;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.ToggleSwitch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** ControlsFX controls under an AtlantaFX theme resolve every Modena lookup through the bridge stylesheet. */
@ExtendWith(ApplicationExtension.class)
class ControlsFxBridgeTest {

    @Start
    void start(Stage primary) {
        // scenes are styled off-window
    }

    @Test
    void controlsFxControlsStyleWithoutCssWarningsOnlyWithTheBridge(FxRobot robot) {
        for (String theme : List.of(ThemeManager.LIGHT_STYLESHEET, ThemeManager.DARK_STYLESHEET)) {
            assertThat(cssWarnings(robot, theme, true)).as("with the bridge").isEmpty();
        }
        assertThat(cssWarnings(robot, ThemeManager.LIGHT_STYLESHEET, false)).as("without the bridge").isNotEmpty();
    }

    private static List<String> cssWarnings(FxRobot robot, String theme, boolean bridge) {
        List<String> warnings = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(String.valueOf(record.getMessage()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger css = Logger.getLogger("javafx.css");
        css.addHandler(handler);
        css.setUseParentHandlers(false); // the expected warnings stay out of the build output
        try {
            robot.interact(() -> {
                Application.setUserAgentStylesheet(theme);
                VBox root = new VBox(new ToggleSwitch("Follow system"), new RangeSlider(0, 100, 10, 90),
                        new SegmentedButton(new javafx.scene.control.ToggleButton("A")));
                if (bridge) {
                    root.getStylesheets().add(ControlsFxBridgeTest.class.getResource(StudioStyles.CONTROLSFX_BRIDGE)
                            .toExternalForm());
                }
                Scene scene = new Scene(root, 400, 200);
                root.applyCss();
                root.layout();
                scene.snapshot(null);
            });
        } finally {
            css.removeHandler(handler);
            css.setUseParentHandlers(true);
        }
        return warnings;
    }
}
