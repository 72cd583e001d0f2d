package dev.modelfactory.app.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.app.training.RowRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidecar of a span index ({@code <tokenizerId>.rows.json}): what the index was built from and, in the
 * index's row order, each row's id, hash and contributor. Written after the index file, atomically, so its
 * presence means the pair is complete.
 */
record SpanRowsFile(String datasetName, String versionRoot, String modelId, String tokenizerId, int documents,
        long tokens, List<RowRef> rows) {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    SpanRowsFile {
        rows = List.copyOf(rows);
    }

    void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT).put("datasetName", datasetName).put("versionRoot", versionRoot)
                .put("modelId", modelId).put("tokenizerId", tokenizerId).put("documents", documents).put("tokens", tokens);
        ArrayNode rs = root.putArray("rows");
        for (RowRef r : rows) {
            rs.addArray().add(r.rowId()).add(r.rowHash()).add(r.contributor());
        }
        Path tmp = null;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write failed; that error is reported
                }
            }
        }
    }

    /** Reads and checks the sidecar; errors name the file and the field. */
    static SpanRowsFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SpanIndexException(file + ": not readable as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
            throw new SpanIndexException(file + ": format: expected " + FORMAT);
        }
        JsonNode rs = root.path("rows");
        if (!rs.isArray()) {
            throw new SpanIndexException(file + ": rows: expected an array");
        }
        List<RowRef> rows = new ArrayList<>(rs.size());
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            if (!r.isArray() || r.size() != 3 || !r.get(0).canConvertToLong() || !r.get(1).isTextual()
                    || !r.get(2).isTextual()) {
                throw new SpanIndexException(file + ": rows[" + i + "]: expected [id, hash, contributor]");
            }
            rows.add(new RowRef(r.get(0).asLong(), r.get(1).asText(), r.get(2).asText()));
        }
        return new SpanRowsFile(text(root, "datasetName", file), text(root, "versionRoot", file),
                text(root, "modelId", file), text(root, "tokenizerId", file), root.path("documents").asInt(),
                root.path("tokens").asLong(), rows);
    }

    private static String text(JsonNode root, String field, Path file) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new SpanIndexException(file + ": " + field + ": expected a string");
        }
        return n.asText();
    }
}
