package dev.modelfactory.studio.prefs;

/** The user's theme choice: a fixed light or dark theme, or whatever the operating system prefers. */
public enum ThemeChoice {
    LIGHT("Light"),
    DARK("Dark"),
    SYSTEM("System");

    private final String label;

    ThemeChoice(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a stored value, falling back to {@link #SYSTEM} for anything unknown. */
    public static ThemeChoice parse(String value) {
        if (value != null) {
            for (ThemeChoice choice : values()) {
                if (choice.name().equalsIgnoreCase(value.strip())) {
                    return choice;
                }
            }
        }
        return SYSTEM;
    }
}
