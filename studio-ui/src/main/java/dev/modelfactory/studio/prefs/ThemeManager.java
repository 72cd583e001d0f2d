package dev.modelfactory.studio.prefs;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the theme choice as the application's user-agent stylesheet (AtlantaFX Primer Light or Dark),
 * live: changing {@link #choiceProperty()} re-themes every window at once, and with {@link ThemeChoice#SYSTEM}
 * a change of the operating system's colour scheme does too. Each change is handed to a persist callback.
 * Must be used on the FX thread.
 */
public final class ThemeManager {

    /** The stylesheet of the light theme. */
    public static final String LIGHT_STYLESHEET = new PrimerLight().getUserAgentStylesheet();
    /** The stylesheet of the dark theme. */
    public static final String DARK_STYLESHEET = new PrimerDark().getUserAgentStylesheet();

    private static final Logger LOG = LoggerFactory.getLogger(ThemeManager.class);

    private final ObjectProperty<ThemeChoice> choice;
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark");
    private final InvalidationListener systemListener = observable -> apply();

    /** Applies {@code initial} now; later choices are applied and passed to {@code persist}. */
    public ThemeManager(ThemeChoice initial, Consumer<ThemeChoice> persist) {
        Objects.requireNonNull(persist, "persist");
        choice = new SimpleObjectProperty<>(this, "choice", Objects.requireNonNull(initial, "initial"));
        choice.addListener((obs, old, now) -> {
            apply();
            persist.accept(now);
        });
        try {
            Platform.getPreferences().colorSchemeProperty().addListener(new WeakInvalidationListener(systemListener));
        } catch (RuntimeException | LinkageError unsupported) {
            LOG.debug("Platform colour scheme not observable; System theme stays light", unsupported);
        }
        apply();
    }

    public ObjectProperty<ThemeChoice> choiceProperty() {
        return choice;
    }

    public ThemeChoice getChoice() {
        return choice.get();
    }

    public void setChoice(ThemeChoice value) {
        choice.set(Objects.requireNonNull(value, "value"));
    }

    /** Whether the applied theme is the dark one. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public boolean isDark() {
        return dark.get();
    }

    private void apply() {
        boolean useDark = switch (choice.get()) {
            case LIGHT -> false;
            case DARK -> true;
            case SYSTEM -> systemPrefersDark();
        };
        dark.set(useDark);
        Application.setUserAgentStylesheet(useDark ? DARK_STYLESHEET : LIGHT_STYLESHEET);
    }

    private static boolean systemPrefersDark() {
        try {
            return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        } catch (RuntimeException | LinkageError unsupported) {
            return false;
        }
    }
}
