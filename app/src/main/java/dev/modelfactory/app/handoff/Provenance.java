package dev.modelfactory.app.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/**
 * {@code provenance.json} of a job bundle: what was exported from what, so that the trainer's result can
 * be tied back to it ({@link ResultImport} checks it) and attested. Written with snake_case keys.
 *
 * @param formatVersion       1
 * @param trainer             {@code llamafactory} or {@code axolotl}
 * @param trainerConfigFile   the trainer config's file name in the bundle
 * @param trainerConfigSha256 sha256 of that file
 * @param createdBy           "ModelFactory Studio VERSION"
 * @param engineVersion       the studio engine version the config was made for
 * @param dataset             the dataset version and what of it was written
 * @param contributors        contributors of the exported rows, with licence and allowed uses, rows each
 * @param baseModel           the base model: workspace hash and name, path the trainer loads
 * @param config              the studio's canonical config JSON and its sha256 (the run's config hash)
 * @param unmapped            studio fields the trainer cannot express
 * @param warnings            what the user should know before launching
 */
public record Provenance(int formatVersion, String trainer, String trainerConfigFile, String trainerConfigSha256,
        String createdBy, String engineVersion, Dataset dataset, List<Contributor> contributors, BaseModel baseModel,
        Config config, List<Unmapped> unmapped, List<String> warnings) {

    public static final String FILE = "provenance.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * @param files sha256 of each data file, by path relative to the bundle
     */
    public record Dataset(String name, String versionRoot, long versionRows, long trainRows, long validationRows,
            long testRowsHeldOut, long excludedNotAllowedForTraining, Map<String, Long> excludedByContributor,
            long noAssistantTurnRows, long skippedByFormatRows, List<String> skipReasons, Map<String, String> files) {
    }

    /** Exported rows of one contributor under one licence and set of allowed uses. */
    public record Contributor(String contributor, String licence, List<String> allowedUses, long rows) {
    }

    /** @param sha256 the model's content hash in the workspace */
    public record BaseModel(String sha256, String name, String trainerPath) {
    }

    public record Config(String canonicalJson, String sha256) {
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write provenance.json: " + e.getOriginalMessage(), e);
        }
    }
}
