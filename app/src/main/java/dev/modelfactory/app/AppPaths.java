package dev.modelfactory.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-user folders outside any workspace: preferences (window geometry, theme) and logs. Workspaces
 * themselves are found by the ledger's {@code WorkspaceLocator}.
 *
 * @param configDir where UI preferences live
 * @param logDir    where {@code modelfactory.log} is written
 */
public record AppPaths(Path configDir, Path logDir) {

    /** The folders for this user and OS. */
    public static AppPaths forCurrentUser() {
        return resolve(System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    static AppPaths resolve(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path appData = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : home.resolve("AppData/Local");
            return new AppPaths(appData.resolve("ModelFactory"), local.resolve("ModelFactory").resolve("logs"));
        }
        if (os.contains("mac")) {
            return new AppPaths(home.resolve("Library/Preferences/ModelFactory"), home.resolve("Library/Logs/ModelFactory"));
        }
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        return new AppPaths(config.resolve("modelfactory"), state.resolve("modelfactory").resolve("logs"));
    }

    private static Path xdg(Map<String, String> env, String key, Path fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() || !Path.of(v).isAbsolute() ? fallback : Path.of(v);
    }

    /** The UI preferences file (window geometry, theme). */
    public Path uiPreferences() {
        return configDir.resolve("ui.properties");
    }
}
