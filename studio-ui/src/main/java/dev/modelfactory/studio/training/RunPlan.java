package dev.modelfactory.studio.training;

import java.util.List;

/**
 * What a run will do, shown before it starts.
 *
 * @param excludedRows   rows left out because their contributor did not allow training
 * @param excludedBy     those rows by contributor ("whose")
 * @param memoryBytes    estimated total: weights + activations + optimiser
 * @param chatTemplate   which template renders the rows ("model", "chatml (built in)")
 */
public record RunPlan(String modelName, String dataset, String versionRoot, long trainRows, long validationRows,
        long testRows, long skippedRows, long excludedRows, List<Exclusion> excludedBy, long trainTokens,
        long lossTokens, int droppedExamples, int stepsPerEpoch, int totalSteps, long weightsBytes,
        long activationsBytes, long optimiserBytes, long trainableParameters, String chatTemplate) {

    public RunPlan {
        excludedBy = List.copyOf(excludedBy);
    }

    public long memoryBytes() {
        return weightsBytes + activationsBytes + optimiserBytes;
    }

    /** Rows of one contributor excluded from training ({@code contributor} "(no contributor)" when unknown). */
    public record Exclusion(String contributor, long rows) {
    }
}
