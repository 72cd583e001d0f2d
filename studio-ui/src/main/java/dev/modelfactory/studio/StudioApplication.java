package dev.modelfactory.studio;

import dev.modelfactory.studio.error.ErrorHandler;
import dev.modelfactory.studio.prefs.ThemeManager;
import dev.modelfactory.studio.shell.StudioShell;
import dev.modelfactory.studio.welcome.Welcome;
import dev.modelfactory.studio.welcome.WelcomeView;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The JavaFX application behind {@link Studio#launch}: installs the global error handler, builds the shell
 * and shows it in the primary stage, after the first-run welcome when launched with one. Public only because
 * JavaFX instantiates it reflectively.
 */
public final class StudioApplication extends Application {

    private static final double WELCOME_WIDTH = 1100;
    private static final double WELCOME_HEIGHT = 820;

    private StudioShell shell;

    @Override
    public void start(Stage stage) {
        ErrorHandler errors = new ErrorHandler(true);
        errors.install();
        Welcome welcome = Studio.welcome();
        if (welcome == null) {
            showShell(stage, Studio.context(), errors);
        } else {
            // First run: the welcome opens the workspace, then the shell takes over the same window.
            Application.setUserAgentStylesheet(ThemeManager.LIGHT_STYLESHEET);
            WelcomeView view = new WelcomeView(welcome, context -> showShell(stage, context, errors));
            stage.setScene(new Scene(view.root(), WELCOME_WIDTH, WELCOME_HEIGHT));
            stage.setTitle("Welcome \u2014 ModelFactory Studio");
        }
        stage.show();
    }

    private void showShell(Stage stage, StudioContext context, ErrorHandler errors) {
        shell = StudioShell.builder(context).errors(errors).build();
        shell.attach(stage);
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.shutdown();
        }
    }
}
