package dev.modelfactory.app.attribution;

import java.nio.file.Path;

/**
 * A span index of one dataset version under one tokenizer, as kept under the workspace.
 *
 * @param file        the index file ({@code indexes/spans/<versionRoot>/<tokenizerId>.sa})
 * @param datasetName the dataset the version belongs to
 * @param versionRoot the version's full Merkle root
 * @param tokenizerId which tokenizer the rows were tokenised with ({@code model-<first 16 hex of the model id>})
 * @param rows        rows indexed: those of the TRAIN split (or unsplit) whose contributor allowed TRAIN
 *                    and that have an assistant turn, i.e. the rows a run on this version trains on by default
 * @param documents   messages indexed (one document per non-empty message)
 * @param tokens      tokens indexed
 */
public record SpanIndexInfo(Path file, String datasetName, String versionRoot, String tokenizerId, int rows,
        int documents, long tokens) {
}
