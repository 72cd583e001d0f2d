package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small byte-level BPE vocabulary as {@link BpeTokenizerTest}, written as a tokenizer.json and
 * run by the Rust tokenizers library: an independent implementation our BPE must agree with.
 */
class HfTokenizerTest {

    @TempDir
    Path dir;

    Path writeTokenizerJson() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of("<|endoftext|>", "<|im_start|>")) {
            ObjectNode a = added.addObject();
            a.put("id", BpeTokenizerTest.id(special));
            a.put("content", special);
            a.put("single_word", false).put("lstrip", false).put("rstrip", false).put("normalized", false);
            a.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        String[] tokens = BpeTokenizerTest.tokens();
        for (int i = 0; i < tokens.length - 2; i++) {
            vocab.put(tokens[i], i);
        }
        ArrayNode merges = model.putArray("merges");
        BpeTokenizerTest.MERGES.forEach(merges::add);
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, m.writeValueAsString(root));
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\":null,\"eos_token\":\"<|endoftext|>\"}");
        return p;
    }

    @Test
    void agreesWithOurByteLevelBpe() throws Exception {
        BpeTokenizer ours = BpeTokenizerTest.tokenizer(PreTokenizer.GPT2);
        try (HfTokenizer hf = HfTokenizer.open(writeTokenizerJson())) {
            for (String s : List.of("hello world", "hellow  world!!", "wor ld\nhello\n\n", "é日本 ✓ 12345", "")) {
                assertThat(hf.encode(s, false)).as(s).containsExactly(ours.encode(s, false));
                assertThat(hf.decode(hf.encode(s, false))).isEqualTo(s);
            }
            assertThat(hf.eosId()).isEqualTo(BpeTokenizerTest.id("<|endoftext|>"));
            assertThat(hf.bosId()).isEqualTo(-1);
            assertThat(hf.vocabSize()).isEqualTo(BpeTokenizerTest.tokens().length);
            assertThat(hf.decodePiece(BpeTokenizerTest.id("Ġworld"))).isEqualTo(" world");
            assertThat(hf.pieceBytes(BpeTokenizerTest.id("<|im_start|>"))).isEmpty();
        }
    }

    @Test
    void longInputIsNotTruncated() throws Exception {
        try (HfTokenizer hf = HfTokenizer.open(writeTokenizerJson())) {
            String text = "hello world".repeat(1500); // "hello", " world", then "world" glued to "hello" ...
            int[] ids = hf.encode(text, false);
            assertThat(ids.length).isGreaterThan(2000); // DJL's default would stop at 512
            assertThat(ids).containsExactly(BpeTokenizerTest.tokenizer(PreTokenizer.GPT2).encode(text, false));
        }
    }
}
