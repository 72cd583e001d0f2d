package dev.modelfactory.studio.provenance;

import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.List;

/**
 * What the Attribution page needs from the workspace (the app combines its influence, span-index and
 * retrieval services and the ledger). Every method may read files or the database or compute for a while:
 * the page calls them from background tasks.
 */
public interface ProvenanceBackend {

    /** The adapters to choose from: trained by runs and imported. */
    List<AdapterChoice> adapters();

    /** The method the page starts with (the engine's default, chosen by its benchmark). */
    AttributionMethod defaultMethod();

    /** Outputs the workspace remembers (benchmark examples), newest first; may be empty. */
    List<OutputChoice> recentOutputs();

    /**
     * Gathers the three kinds of evidence for the query. A kind that cannot be computed (no index built,
     * no sketches stored) is left empty with a note saying why; progress is reported as units of work.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancel} asked it to stop
     */
    ProvenanceView attribute(ProvenanceQuery query, ProgressListener progress, CancellationToken cancel);

    /** Appends a signed OutputAttribution record to the workspace's ledger. */
    void store(SignedRecord record);
}
