package dev.modelfactory.ledger.store;

/**
 * Process-wide H2 settings that must be in place before H2's settings class loads (it reads them once).
 * {@link Workspace} and {@link Database}, the two ways into H2, apply them first in their static initialisers.
 */
final class H2Settings {

    /** H2's system property for its shared cache of recently used values. */
    static final String OBJECT_CACHE = "h2.objectCache";

    private H2Settings() {
    }

    /**
     * Turns off H2's value cache unless the command line set it: H2 interns every string value of up to 4,096
     * characters in a process-wide cache, hashing it first. Dataset rows are almost all distinct, so on an import
     * the cache only costs, about a fifth of the committing thread's CPU (100,000-row imports measured side by
     * side, docs/benchmarks/datasets.md).
     */
    static void apply() {
        if (System.getProperty(OBJECT_CACHE) == null) {
            System.setProperty(OBJECT_CACHE, "false");
        }
    }
}
