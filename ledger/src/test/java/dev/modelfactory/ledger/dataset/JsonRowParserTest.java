package dev.modelfactory.ledger.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.task.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRowParserTest {

    @TempDir
    Path dir;

    @Test
    void alpacaJsonlMapsToKnownRowsAndRejectsBadLinesWithTheirNumbers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("""
                {"instruction":"Add","input":"2+2","output":"4","system":"Be terse","tags":["math"]}
                {"instruction":"Hi","output":"Hello","history":[["q1","a1"]]}
                {"instruction":"broken",
                {"input":"x","output":"y"}
                {"instruction":"typed","output":42}

                """.getBytes(UTF_8));
        bytes.writeBytes(new byte[] {'{', '"', 'i', 'n', 's', 't', 'r', 'u', 'c', 't', 'i', 'o', 'n', '"', ':', '"',
                (byte) 0xc3, (byte) 0x28, '"', ',', '"', 'o', 'u', 't', 'p', 'u', 't', '"', ':', '"', 'a', '"', '}', '\n'});
        bytes.writeBytes("""
                {"instruction":" ","input":"","output":""}
                [1,2]
                {"instruction":"last","output":"ok"} trailing
                {"instruction":"one","output":"two"} {}
                {"instruction":"end","output":"fine"}
                """.getBytes(UTF_8));
        Path file = Files.write(dir.resolve("a.jsonl"), bytes.toByteArray());

        CollectingSink sink = parse(DatasetFormat.ALPACA, file);

        assertThat(sink.conversations()).containsExactly(
                new Conversation(List.of(Message.of(Role.SYSTEM, "Be terse"), Message.of(Role.USER, "Add\n\n2+2"),
                        Message.of(Role.ASSISTANT, "4")), null, null, List.of("math")),
                Conversation.of(List.of(Message.of(Role.USER, "q1"), Message.of(Role.ASSISTANT, "a1"),
                        Message.of(Role.USER, "Hi"), Message.of(Role.ASSISTANT, "Hello"))),
                Conversation.of(List.of(Message.of(Role.USER, "end"), Message.of(Role.ASSISTANT, "fine"))));
        assertThat(sink.rows).extracting(r -> r.source().line()).containsExactly(1L, 2L, 12L);
        assertThat(sink.rejectLines()).hasSize(8);
        assertThat(sink.rejectLines().get(0)).startsWith("3: malformed JSON");
        assertThat(sink.rejectLines().subList(1, 6)).containsExactly(
                "4: missing required field 'instruction'",
                "5: field 'output' must be a string, got number",
                "7: invalid UTF-8 at byte 17 of the line",
                "8: empty conversation",
                "9: a record must be an object, got array");
        assertThat(sink.rejectLines().get(6)).startsWith("10: malformed JSON: Unrecognized token 'trailing'");
        assertThat(sink.rejectLines().get(7)).isEqualTo("11: malformed JSON: unexpected content after the record");
        assertThat(sink.rejects.get(3).source()).isEqualTo(new SourceRef(file.toString(), 7, 6));
    }

    @Test
    void jsonArrayIsStreamedElementByElementWithLineNumbers() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), """
                [
                  {"instruction": "one", "output": "1"},
                  {"instruction": "two",
                   "output": ["not", "a", "string"]},
                  "not an object",
                  {"instruction": "three", "output": "3"}
                ]
                """);
        CollectingSink sink = parse(DatasetFormat.ALPACA, file);
        assertThat(sink.rows).extracting(r -> r.source().line()).containsExactly(2L, 6L);
        assertThat(sink.rows).extracting(r -> r.source().record()).containsExactly(1L, 4L);
        assertThat(sink.rejectLines()).containsExactly("3: field 'output' must be a string, got array",
                "5: a record must be an object, got string");
    }

    @Test
    void aSyntaxErrorInsideAnArrayIsReportedOnceAtItsLineAndStopsTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a.json"), """
                [{"instruction": "one", "output": "1"},
                 {"instruction": "two" "output": "2"},
                 {"instruction": "three", "output": "3"}]
                """);
        CollectingSink sink = parse(DatasetFormat.ALPACA, file);
        assertThat(sink.rows).hasSize(1);
        assertThat(sink.rejectLines()).singleElement().asString().startsWith("2: malformed JSON")
                .endsWith("the rest of the JSON array was not read");
    }

    @Test
    void aTruncatedArrayKeepsTheRowsBeforeTheCut() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.json"), "\uFEFF[{\"instruction\": \"one\", \"output\": \"1\"},\n"
                + "{\"instruction\": \"two\", \"out");
        CollectingSink sink = parse(DatasetFormat.ALPACA, file);
        assertThat(sink.rows).hasSize(1);
        assertThat(sink.rejectLines()).singleElement().asString().startsWith("2: malformed JSON");
    }

    @Test
    void invalidUtf8InsideAnArrayIsRejectedAtItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("[{\"instruction\": \"one\", \"output\": \"1\"},\n{\"instruction\": \"".getBytes(UTF_8));
        bytes.write(0xff);
        bytes.writeBytes("\", \"output\": \"2\"}]".getBytes(UTF_8));
        Path file = Files.write(dir.resolve("bad.json"), bytes.toByteArray());
        CollectingSink sink = parse(DatasetFormat.ALPACA, file);
        assertThat(sink.rows).hasSize(1);
        assertThat(sink.rejectLines()).singleElement().asString().startsWith("2: invalid UTF-8");
    }

    @Test
    void shareGptMapsSpeakersToolsAndFunctionCalls() throws Exception {
        Path file = Files.writeString(dir.resolve("s.jsonl"), """
                {"system":"sys","tools":[{"name":"calc"}],"conversations":[{"from":"human","value":"2+2?"},{"from":"function_call","value":"{\\"name\\":\\"calc\\"}"},{"from":"observation","value":"4"},{"from":"gpt","value":"4"}]}
                {"conversations":[{"from":"alien","value":"x"}]}
                {"conversations":[]}
                {"conversations":[{"from":"human"}]}
                """);
        CollectingSink sink = parse(DatasetFormat.SHAREGPT, file);
        assertThat(sink.conversations()).containsExactly(new Conversation(List.of(Message.of(Role.SYSTEM, "sys"),
                Message.of(Role.USER, "2+2?"), new Message(Role.ASSISTANT, "", null, "{\"name\":\"calc\"}", null),
                Message.of(Role.TOOL, "4"), Message.of(Role.ASSISTANT, "4")), null, "[{\"name\":\"calc\"}]", List.of()));
        assertThat(sink.rejectLines()).containsExactly("2: unknown speaker 'alien' in conversations[0].from",
                "3: empty conversation", "4: missing required field 'conversations[0].value'");
    }

    @Test
    void openAiMapsRolesContentPartsAndToolCalls() throws Exception {
        Path file = Files.writeString(dir.resolve("o.jsonl"), """
                {"messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1"}]},{"role":"tool","tool_call_id":"c1","name":"f","content":"r"}],"contributor":"alice"}
                {"messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]}
                {"messages":[{"role":"wizard","content":"x"}]}
                {"messages":[{"content":"x"}]}
                {"messages":"nope"}
                """);
        CollectingSink sink = new CollectingSink();
        RowParser.of(DatasetFormat.OPENAI, new ParseOptions(null, "contributor")).parse(file, sink, ProgressListener.NONE);
        assertThat(sink.conversations()).containsExactly(Conversation.of(List.of(Message.of(Role.SYSTEM, "s"),
                Message.of(Role.USER, "ab"), new Message(Role.ASSISTANT, "", null, "[{\"id\":\"c1\"}]", null),
                new Message(Role.TOOL, "r", "f", null, "c1"))));
        assertThat(sink.rows.getFirst().contributor()).isEqualTo("alice");
        assertThat(sink.rejectLines()).containsExactly(
                "2: unsupported content part type 'image_url' in messages[0].content[0] (only text parts are imported)",
                "3: unknown role 'wizard' in messages[0].role",
                "4: missing required field 'messages[0].role'",
                "5: field 'messages' must be an array, got string");
    }

    private static CollectingSink parse(DatasetFormat format, Path file) throws Exception {
        CollectingSink sink = new CollectingSink();
        RowParser.of(format, ParseOptions.DEFAULT).parse(file, sink, ProgressListener.NONE);
        return sink;
    }
}
