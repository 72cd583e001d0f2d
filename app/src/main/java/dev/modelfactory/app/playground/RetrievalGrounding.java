package dev.modelfactory.app.playground;

import dev.modelfactory.app.attribution.RetrievalService;
import dev.modelfactory.app.attribution.RetrievalVersion;
import dev.modelfactory.ledger.retrieval.RetrievalHit;
import dev.modelfactory.studio.playground.GroundingBackend;
import dev.modelfactory.studio.playground.GroundingSource;
import dev.modelfactory.studio.playground.GroundingVersion;
import dev.modelfactory.studio.task.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The playground's grounding over the workspace's retrieval indexes ({@link RetrievalService}). */
public final class RetrievalGrounding implements GroundingBackend {

    private final RetrievalService retrieval;

    public RetrievalGrounding(RetrievalService retrieval) {
        this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
    }

    @Override
    public List<GroundingVersion> versions() {
        List<GroundingVersion> out = new ArrayList<>();
        for (RetrievalVersion v : retrieval.versions()) {
            out.add(new GroundingVersion(v.root(), v.displayName(), v.indexed()));
        }
        return out;
    }

    @Override
    public void prepare(String versionRoot, TaskContext context) {
        context.updateMessage("Indexing rows for retrieval");
        retrieval.index(versionRoot, context::updateProgress, context::isCancelled);
    }

    @Override
    public List<GroundingSource> retrieve(String versionRoot, String question, int k) {
        List<RetrievalHit> hits = retrieval.retrieve(versionRoot, question, k);
        List<GroundingSource> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            RetrievalHit h = hits.get(i);
            out.add(new GroundingSource(i + 1, h.rowId(), h.rowHash(), h.contributor(), h.text(), h.score()));
        }
        return out;
    }
}
