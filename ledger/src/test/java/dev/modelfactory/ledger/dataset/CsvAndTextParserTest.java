package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAndTextParserTest {

    @TempDir
    Path dir;

    @Test
    void csvWithQuotedMultiLineFieldsGuessedMappingTagsAndContributorColumn() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), """
                Prompt,Response,tags,who
                "Say \"\"hi\"\"","hi",a|b,alice
                "two
                lines",answer,,bob
                only,two
                ,,,carol
                last,one,,
                """);
        CollectingSink sink = new CollectingSink();
        RowParser.of(DatasetFormat.CSV, new ParseOptions(null, "who")).parse(file, sink, ProgressListener.NONE);

        assertThat(sink.conversations()).containsExactly(
                new Conversation(List.of(Message.of(Role.USER, "Say \"hi\""), Message.of(Role.ASSISTANT, "hi")), null,
                        null, List.of("a", "b")),
                Conversation.of(List.of(Message.of(Role.USER, "two\nlines"), Message.of(Role.ASSISTANT, "answer"))),
                Conversation.of(List.of(Message.of(Role.USER, "last"), Message.of(Role.ASSISTANT, "one"))));
        assertThat(sink.rows).extracting(ParsedRow::contributor).containsExactly("alice", "bob", null);
        assertThat(sink.rows).extracting(r -> r.source().line()).containsExactly(2L, 3L, 7L);
        assertThat(sink.rows).extracting(r -> r.source().record()).containsExactly(1L, 2L, 5L);
        assertThat(sink.rejectLines()).containsExactly("5: expected 4 fields as in the header, got 2",
                "6: empty conversation");
    }

    @Test
    void tsvWithAnExplicitTextMapping() throws Exception {
        Path file = Files.writeString(dir.resolve("d.tsv"), "id\tbody\n1\tfirst text\n2\tsecond, with comma\n");
        CollectingSink sink = new CollectingSink();
        ColumnMapping mapping = new ColumnMapping(null, null, null, null, "body", null);
        RowParser.of(DatasetFormat.TSV, new ParseOptions(mapping, null)).parse(file, sink, ProgressListener.NONE);
        assertThat(sink.conversations()).containsExactly(Conversation.ofText("first text"),
                Conversation.ofText("second, with comma"));
    }

    @Test
    void aHeaderThatCannotBeMappedRejectsLineOneAndStops() throws Exception {
        Path file = Files.writeString(dir.resolve("d.csv"), "a,b\n1,2\n");
        CollectingSink sink = new CollectingSink();
        RowParser.of(DatasetFormat.CSV, ParseOptions.DEFAULT).parse(file, sink, ProgressListener.NONE);
        assertThat(sink.rows).isEmpty();
        assertThat(sink.rejectLines()).singleElement().asString().startsWith("1: cannot tell which columns");
    }

    @Test
    void folderOfTextFilesGivesOneRowPerFileInPathOrder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("corpus/sub"));
        Files.writeString(dir.resolve("corpus/b.md"), "# B\n");
        Files.writeString(dir.resolve("corpus/a.txt"), "alpha");
        Files.writeString(dir.resolve("corpus/sub/c.txt"), "  \n");
        Files.write(dir.resolve("corpus/sub/d.txt"), new byte[] {'o', 'k', (byte) 0xfe});
        Files.writeString(dir.resolve("corpus/ignored.json"), "{}");
        CollectingSink sink = new CollectingSink();
        RowParser.of(DatasetFormat.TEXT, ParseOptions.DEFAULT).parse(folder.getParent(), sink, ProgressListener.NONE);
        assertThat(sink.conversations()).containsExactly(Conversation.ofText("alpha"), Conversation.ofText("# B\n"));
        assertThat(sink.rows).extracting(r -> r.source().file()).containsExactly("a.txt", "b.md");
        assertThat(sink.rejects).extracting(RejectedRow::toString).containsExactly("sub/c.txt:1: empty text",
                "sub/d.txt:1: invalid UTF-8");
    }
}
