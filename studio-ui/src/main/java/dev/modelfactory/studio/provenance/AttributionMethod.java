package dev.modelfactory.studio.provenance;

/** How influence is scored; the method is recorded with the result. */
public enum AttributionMethod {
    /** Sum over checkpoints of learning rate times the dot product of sketched gradients. */
    TRACIN("tracin", "TracIn"),
    /** DataInf's closed-form per-layer approximation of the inverse Hessian. */
    DATAINF("datainf", "DataInf");

    private final String id;
    private final String label;

    AttributionMethod(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name the CLI and the engine use ({@code tracin}, {@code datainf}). */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return label;
    }
}
