package dev.modelfactory.ledger.store;

/**
 * Which rule chose the workspace folder, strongest first; {@code doctor} reports it so a user can
 * see why a studio opened the folder it did.
 */
public enum WorkspaceSource {
    /** {@code --workspace DIR} on the command line. */
    COMMAND_LINE("--workspace option"),
    /** The {@code MODELFACTORY_HOME} environment variable. */
    ENVIRONMENT(WorkspaceLocator.ENV_HOME + " environment variable"),
    /** The platform's per-user data folder. */
    PLATFORM_DEFAULT("platform user-data folder");

    private final String description;

    WorkspaceSource(String description) {
        this.description = description;
    }

    /** Words for messages, e.g. {@code "MODELFACTORY_HOME environment variable"}. */
    public String description() {
        return description;
    }
}
