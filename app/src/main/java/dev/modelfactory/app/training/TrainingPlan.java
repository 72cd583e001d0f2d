package dev.modelfactory.app.training;

import dev.modelfactory.ledger.store.dataset.UseExclusions;
import java.nio.file.Path;

/**
 * What a run will do, before it starts.
 *
 * @param modelId        the base model's content hash (as registered in the workspace)
 * @param modelName      its display name
 * @param modelPath      its files
 * @param dataset        dataset name
 * @param versionRoot    the frozen version's Merkle root
 * @param trainRows      rows trained on (the chosen training splits, TRAIN and unsplit rows by default;
 *                       permission allows TRAIN)
 * @param validationRows rows of the evaluation split (VALIDATION by default) used for the eval loss and the
 *                       sample prompts (permission allows TRAIN)
 * @param testRows       rows of the splits neither trained nor evaluated on (TEST by default)
 * @param skippedRows    allowed rows that cannot be trained on (no assistant turn)
 * @param excluded       rows left out because their contributor did not allow TRAIN, by contributor
 * @param trainTokens    tokens of the training examples after encoding
 * @param lossTokens     response tokens among them (the loss is taken on these)
 * @param droppedExamples examples left out by encoding (too long under DROP, or no response token left)
 * @param stepsPerEpoch  optimiser steps per pass over the training rows
 * @param totalSteps     optimiser steps of the whole run
 * @param memory         estimated memory
 * @param chatTemplate   "model" when the model's own template is used, "chatml (built in)" when it has none,
 *                       "NAME (chosen)" for a chosen built-in, "custom Jinja (N characters)"
 */
public record TrainingPlan(String modelId, String modelName, Path modelPath, String dataset, String versionRoot,
        long trainRows, long validationRows, long testRows, long skippedRows, UseExclusions excluded,
        long trainTokens, long lossTokens, int droppedExamples, int stepsPerEpoch, int totalSteps,
        MemoryEstimate memory, String chatTemplate) {
}
