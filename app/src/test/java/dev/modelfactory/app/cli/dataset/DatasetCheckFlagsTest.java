package dev.modelfactory.app.cli.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset check} with the store's flag checks and {@code dataset dedupe --near}, on a real temp workspace. */
class DatasetCheckFlagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "The committee met on Tuesday to review the annual budget and agreed that the new library"
            + " should open in the spring after the final inspection of the building by the city engineers";

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", tmp.resolve("ws").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void importRows() throws Exception {
        Path alice = Files.writeString(tmp.resolve("alice.jsonl"), """
                {"instruction":"Capital of France?","output":"The capital of France is Paris."}
                {"instruction":"Summarise the meeting","output":"%1$s."}
                {"instruction":"Contact","output":"Write to jane.doe@example.com or call +1 (415) 555-2671."}
                {"instruction":"Say nothing","output":"   "}
                {"instruction":"Explain photosynthesis","output":"Plants turn light into energy. They store it as sug"}
                {"instruction":"Dump","output":"%%%%%%%% ######## @@@@@@@@ !!!!!!!! ^^^^^^^^"}
                {"instruction":"Summarise the meeting","output":"%1$s, as planned."}
                """.formatted(LONG));
        Path bob = Files.writeString(tmp.resolve("bob.jsonl"), """
                {"instruction":"capital of  FRANCE?","output":"the capital of france is paris."}
                {"instruction":"Summarise the meeting please","output":"%s, as planned."}
                """.formatted(LONG));
        assertThat(run("dataset", "import", alice.toString(), "--name", "qa", "--contributor", "alice").code()).isZero();
        assertThat(run("dataset", "import", bob.toString(), "--name", "qa", "--contributor", "bob").code()).isZero();
    }

    private static Map<String, JsonNode> byId(JsonNode check) {
        Map<String, JsonNode> out = new HashMap<>();
        check.get("checks").forEach(c -> out.put(c.get("id").asText(), c));
        return out;
    }

    @Test
    void everyCheckCountsItsRowsInJson() throws Exception {
        Run r = run("dataset", "check", "qa", "--min-tokens", "5", "--max-tokens", "40", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, JsonNode> c = byId(r.json());
        assertThat(c.keySet()).containsExactlyInAnyOrder("exact-duplicates", "empty-conversations", "near-duplicates", "pii",
                "empty-or-truncated", "length", "non-text", "cross-contributor-duplicates");
        // three meeting rows and the two France rows (exact duplicates are near ones too): two clusters
        assertThat(c.get("near-duplicates").get("flaggedRows").asLong()).isEqualTo(5);
        assertThat(c.get("near-duplicates").get("details").get("clusters").asLong()).isEqualTo(2);
        assertThat(c.get("near-duplicates").get("fix").asText()).isEqualTo("modelfactory dataset dedupe qa --near --threshold 0.8");
        assertThat(c.get("pii").get("flaggedRows").asLong()).isEqualTo(1);
        assertThat(c.get("pii").get("details").get("piiEmail").asLong()).isEqualTo(1);
        assertThat(c.get("pii").get("details").get("piiPhone").asLong()).isEqualTo(1);
        assertThat(c.get("pii").get("details").get("piiCreditCard").asLong()).isZero();
        assertThat(c.get("empty-or-truncated").get("flaggedRows").asLong()).isEqualTo(2);
        assertThat(c.get("empty-or-truncated").get("details").get("emptyOutput").asLong()).isEqualTo(1);
        assertThat(c.get("empty-or-truncated").get("details").get("truncatedOutput").asLong()).isEqualTo(1);
        assertThat(c.get("length").get("details").get("tooLong").asLong()).as("the three meeting rows").isEqualTo(3);
        assertThat(c.get("length").get("details").get("maxTokens").asInt()).isEqualTo(40);
        assertThat(c.get("non-text").get("flaggedRows").asLong()).isEqualTo(1);
        assertThat(c.get("cross-contributor-duplicates").get("flaggedRows").asLong()).isEqualTo(2);

        // the limits matter: no maximum, no row is too long
        JsonNode loose = run("dataset", "check", "qa", "--only", "length", "--max-tokens", "0", "--json").json();
        assertThat(byId(loose).get("length").get("details").get("tooLong").asLong()).isZero();
    }

    @Test
    void dedupeNearKeepsTheFirstOfEachClusterAndIsUndoable() throws Exception {
        Run d = run("dataset", "dedupe", "qa", "--near", "--json");
        assertThat(d.code()).as(d.err()).isZero();
        assertThat(d.json().get("clusters").asLong()).isEqualTo(2);
        assertThat(d.json().get("rejected").asLong()).as("two of the meeting rows, one of the France rows").isEqualTo(3);
        JsonNode after = run("dataset", "check", "qa", "--only", "near-duplicates", "--json").json();
        assertThat(byId(after).get("near-duplicates").get("flaggedRows").asLong()).isZero();

        assertThat(run("dataset", "undo", "qa").code()).isZero();
        JsonNode undone = run("dataset", "check", "qa", "--only", "near-duplicates", "--json").json();
        assertThat(byId(undone).get("near-duplicates").get("flaggedRows").asLong()).isEqualTo(5);

        // a stricter threshold than the meeting rows' similarity leaves only the France pair
        JsonNode strict = run("dataset", "dedupe", "qa", "--near", "--threshold", "0.99", "--json").json();
        assertThat(strict.get("rejected").asLong()).isEqualTo(1);
    }

    @Test
    void badThresholdsAndLimitsAreExit2() {
        Run t = run("dataset", "check", "qa", "--threshold", "1.5");
        assertThat(t.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(t.err()).contains("--threshold");
        Run m = run("dataset", "check", "qa", "--min-tokens", "50", "--max-tokens", "10");
        assertThat(m.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(m.err()).contains("--min-tokens");
        Run only = run("dataset", "dedupe", "qa", "--threshold", "0.5");
        assertThat(only.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(only.err()).contains("--threshold: only with --near");
    }
}
