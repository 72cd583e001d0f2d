package dev.modelfactory.studio.prefs;

import java.util.Objects;
import java.util.Optional;

/**
 * The studio's own UI preferences (not workspace data): theme and the main window's geometry, which is empty
 * until the window was closed once.
 */
public record UiPreferences(ThemeChoice theme, Optional<WindowGeometry> window) {

    public UiPreferences {
        Objects.requireNonNull(theme, "theme");
        Objects.requireNonNull(window, "window");
    }

    /** What a first start uses. */
    public static UiPreferences defaults() {
        return new UiPreferences(ThemeChoice.SYSTEM, Optional.empty());
    }

    public UiPreferences withTheme(ThemeChoice newTheme) {
        return new UiPreferences(newTheme, window);
    }

    public UiPreferences withWindow(WindowGeometry geometry) {
        return new UiPreferences(theme, Optional.of(geometry));
    }
}
