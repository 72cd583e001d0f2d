package dev.modelfactory.studio;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.shell.StudioShell;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application behind {@link Studio#launch}: installs the global error handler, builds the shell
 * and shows it in the primary stage. Public only because JavaFX instantiates it reflectively.
 */
public final class StudioApplication extends Application {

    private StudioShell shell;

    @Override
    public void start(Stage stage) {
        ErrorHandler errors = new ErrorHandler(true);
        errors.install();
        shell = StudioShell.builder(Studio.context()).errors(errors).build();
        shell.attach(stage);
        stage.show();
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
    }
}
