package dev.modelfactory.ledger.store.pipeline;

/**
 * What a step's output refers to, so a UI can open it in the right page. The shape of
 * {@link OutputRef#ref()} per kind is given with each constant.
 */
public enum OutputKind {
    /** A dataset's working set: ref = the dataset's name. */
    DATASET,
    /** A frozen dataset version: ref = {@code NAME@ROOT}; hash = the Merkle root. */
    DATASET_VERSION,
    /** A training run: ref = the run id. */
    TRAINING_RUN,
    /** A PEFT adapter folder: ref = the folder's path; hash = the adapter's content hash. */
    ADAPTER,
    /** A stored evaluation run: ref = the eval run id. */
    EVAL_RUN,
    /** A gate's verdict: ref = a one-line summary (metric, difference, interval). */
    GATE,
    /** A person's approval: ref = who approved. */
    APPROVAL,
    /** Records appended to the ledger: ref = the entries' sequence numbers, comma separated. */
    ATTESTATION,
    /** A batch root anchored on chain: ref = the transaction hash(es), comma separated. */
    ANCHOR,
    /** A file or folder written outside the workspace (PEFT folder, merged GGUF, job bundle): ref = its path. */
    EXPORT
}
