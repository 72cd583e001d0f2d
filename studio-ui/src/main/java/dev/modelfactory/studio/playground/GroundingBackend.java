package dev.modelfactory.studio.playground;

import dev.modelfactory.studio.task.TaskContext;
import java.util.List;

/**
 * Retrieval for grounded answers: which dataset versions can be searched, building a version's index, and
 * the rows that best match a question. Blocking: call off the FX thread.
 */
public interface GroundingBackend {

    /** The versions offered in the picker. */
    List<GroundingVersion> versions();

    /** Builds the version's index unless it exists (progress and cancellation through {@code context}). */
    void prepare(String versionRoot, TaskContext context);

    /** The {@code k} best rows for {@code question}, numbered from 1 in rank order. */
    List<GroundingSource> retrieve(String versionRoot, String question, int k);
}
