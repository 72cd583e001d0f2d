package dev.modelfactory.ledger.store.run;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a run is started with. Hashes are lowercase sha256 hex; {@code configJson} is the canonical JSON
 * whose sha256 is {@code configHash} (checked on {@link RunStore#start}).
 */
public record NewRun(String name, String baseModel, String datasetName, String datasetVersion, String configJson,
        String configHash, long seed, String engineVersion, String device) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public NewRun {
        name = requireText("name", name, 200);
        baseModel = requireHash("baseModel", baseModel);
        datasetName = requireText("datasetName", datasetName, 200);
        datasetVersion = requireHash("datasetVersion", datasetVersion);
        Objects.requireNonNull(configJson, "configJson");
        configHash = requireHash("configHash", configHash);
        engineVersion = requireText("engineVersion", engineVersion, 100);
        device = requireText("device", device, 200);
    }

    static String requireHash(String field, String value) {
        if (value == null || !SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": expected 64 lowercase hex characters, got '" + value + "'");
        }
        return value;
    }

    private static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw new IllegalArgumentException(field + ": expected 1.." + max + " characters, got '" + value + "'");
        }
        return value.strip();
    }
}
