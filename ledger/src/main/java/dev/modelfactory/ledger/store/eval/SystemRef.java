package dev.modelfactory.ledger.store.eval;

/**
 * A system of an evaluation run as stored: its label and, for an adapter, the PEFT folder it was read
 * from and the adapter's content hash (both null for the base model alone).
 */
public record SystemRef(String label, String adapterPath, String adapterHash) {

    public SystemRef {
        label = Fields.text("system label", label, 200);
        if ((adapterPath == null) != (adapterHash == null)) {
            throw new IllegalArgumentException("system " + label + ": adapterPath and adapterHash go together");
        }
        if (adapterHash != null) {
            Fields.hash("system " + label + " adapterHash", adapterHash);
        }
    }

    public static SystemRef base(String label) {
        return new SystemRef(label, null, null);
    }
}
