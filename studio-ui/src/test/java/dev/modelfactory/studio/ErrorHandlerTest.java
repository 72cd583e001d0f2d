package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import dev.modelfactory.studio.error.ErrorHandler;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An error raised in a loop ends up as one dialog with bounded details, not hundreds of windows. */
@ExtendWith(ApplicationExtension.class)
class ErrorHandlerTest {

    private final ErrorHandler errors = new ErrorHandler(true);

    @Start
    void start(Stage primary) {
        // the handler opens its own dialog
    }

    @BeforeEach
    void quietLog() {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(ch.qos.logback.classic.Level.OFF);
    }

    @AfterEach
    void restore(FxRobot robot) {
        ((Logger) LoggerFactory.getLogger(ErrorHandler.class)).setLevel(null);
        robot.interact(() -> Window.getWindows().stream().toList().forEach(Window::hide));
    }

    @Test
    void errorsInALoopAreCoalescedIntoOneBoundedDialog(FxRobot robot) throws Exception {
        Thread loop = new Thread(() -> {
            for (int i = 0; i < 500; i++) {
                errors.report("Render loop", new IllegalStateException("frame " + i));
            }
        });
        loop.start();
        loop.join();

        // Queried on the FX thread: the dialog's scene graph changes while errors are coalesced.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                robot.lookup(".studio-error-dialog .header-panel .label").tryQuery()
                        .map(n -> ((javafx.scene.control.Labeled) n).getText().equals("500 errors occurred"))
                        .orElse(false)).get());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".studio-error-dialog").queryAll()).hasSize(1);
        assertThat(errors.reports()).hasSize(ErrorHandler.MAX_REPORTS);
        assertThat(errors.reports().getLast().summary()).isEqualTo("frame 499");
        String details = robot.lookup("#error-details").queryAs(TextArea.class).getText();
        assertThat(details).contains("frame 0", "frame 499", "480 more in the log").doesNotContain("frame 250\n");
    }
}
