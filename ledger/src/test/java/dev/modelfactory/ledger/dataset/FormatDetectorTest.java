package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

    @TempDir
    Path dir;

    private final FormatDetector detector = new FormatDetector();

    @Test
    void picksEachJsonFormatFromItsRecordsWhateverTheExtension() throws Exception {
        assertThat(detect("a.data", """
                {"instruction":"a","output":"b"}
                {"instruction":"c","input":"d","output":"e"}
                """).format()).contains(DatasetFormat.ALPACA);
        assertThat(detect("s.json", """
                [{"conversations":[{"from":"human","value":"x"},{"from":"gpt","value":"y"}]}]
                """).format()).contains(DatasetFormat.SHAREGPT);
        assertThat(detect("o.jsonl", """
                {"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"y"}]}
                """).format()).contains(DatasetFormat.OPENAI);
    }

    @Test
    void confidenceIsTheShareOfSampledRecordsReadAndThePreviewShowsTheRows() throws Exception {
        Detection d = detect("mixed.jsonl", """
                {"instruction":"a","output":"b"}
                {"instruction":"c","output":"d"}
                {"instruction":"e","output":"f"}
                {"oops":1}
                """);
        assertThat(d.format()).contains(DatasetFormat.ALPACA);
        assertThat(d.confidence()).isEqualTo(0.75);
        assertThat(d.sampled()).isEqualTo(4);
        assertThat(d.preview()).hasSize(2);
        assertThat(d.rejects()).singleElement().extracting(r -> r.source().line()).isEqualTo(4L);
        assertThat(d.explanation()).isEqualTo("3 of 4 sampled records read as alpaca");
    }

    @Test
    void csvTsvAndTextFolders() throws Exception {
        assertThat(detect("t.csv", "instruction,output\na,b\n").format()).contains(DatasetFormat.CSV);
        assertThat(detect("t.unknown", "instruction\toutput\na\tb\n").format()).contains(DatasetFormat.TSV);
        Path folder = Files.createDirectories(dir.resolve("texts"));
        Files.writeString(folder.resolve("a.txt"), "hello");
        assertThat(detector.detect(folder, 5).format()).contains(DatasetFormat.TEXT);
    }

    @Test
    void jsonThatNoFormatReadsIsReportedAsUnknown() throws Exception {
        Detection d = detect("x.json", "[{\"foo\":1},{\"bar\":2}]");
        assertThat(d.format()).isEqualTo(Optional.empty());
        assertThat(d.confidence()).isZero();
        assertThat(d.explanation()).contains("no format read any");
    }

    private Detection detect(String name, String content) throws Exception {
        return detector.detect(Files.writeString(dir.resolve(name), content), 2);
    }
}
