package dev.modelfactory.studio.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.studio.benchmarks.BenchData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportTest {

    private static final String HOSTILE = "She said \"no\", then\r\nleft, <b>";

    @TempDir
    Path temp;

    @Test
    void oneRowPerSystemTaskAndItemWithTheHeaderAndScores() {
        List<List<String>> rows = parse(CsvReport.render(BenchData.result()));
        assertThat(rows.getFirst()).containsExactly("suite", "suite_version", "model", "system", "adapter", "task",
                "item", "exact_match", "token_f1", "choice_accuracy", "tokens", "output");
        assertThat(rows).hasSize(1 + 3 * 12);
        assertThat(rows.get(8)).containsExactly("starter-eval", "1", "starter-base", "base", "", "capitals", "c8",
                "0.0", "0.4", "", "0", "The capital is Cairo");
        assertThat(rows.get(13)).containsExactly("starter-eval", "1", "starter-base", "geo", "/adapters/geo",
                "capitals", "c1", "1.0", "1.0", "", "0", "Paris");
    }

    @Test
    void fieldsWithQuotesCommasAndLineBreaksAreQuotedAndReadBackExactly() {
        String csv = CsvReport.render(BenchData.result(BenchData.SYSTEMS, HOSTILE));
        assertThat(csv).contains("\"She said \"\"no\"\", then\r\nleft, <b>\"").endsWith("\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(1 + 3 * 12);
        assertThat(rows.stream().filter(r -> r.get(3).equals("tone") && r.get(6).equals("c1")).findFirst()
                .orElseThrow().getLast()).isEqualTo(HOSTILE);
    }

    @Test
    void writingReplacesTheFileWholeAndLeavesNoTemporaryFile() throws Exception {
        Path file = temp.resolve("run.csv");
        Files.writeString(file, "old");
        CsvReport.write(file, BenchData.result());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(CsvReport.render(BenchData.result()));
        try (var listing = Files.list(temp)) {
            assertThat(listing).containsExactly(file);
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("a new file is readable like any other, not owner-only like a temp file").isEqualTo("rw-r--r--");
        }
    }

    /** A strict RFC 4180 reader (independent of the writer): CRLF records, quoted fields with doubled quotes. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    char q = csv.charAt(i++);
                    if (q == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                if (c == '"' || c == '\r' || c == '\n') {
                    throw new AssertionError("unquoted " + (int) c + " at " + i);
                }
                field.append(c);
                i++;
            }
        }
        assertThat(row).as("ends with CRLF").isEmpty();
        return rows;
    }
}
