package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our Java translations of the Llama 3 and Qwen2 split regexes against the Rust tokenizers library running
 * the original patterns (Split + ByteLevel pre-tokenizers, as in those models' tokenizer.json), on texts
 * built to hit contractions in any case, digit runs, newlines, runs of spaces and non-Latin scripts.
 */
class PreTokenizerAgainstHfTest {

    static final String LLAMA3 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2 = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = PreTokenizer.class, names = {"LLAMA3", "QWEN2", "GPT2"})
    void sameIdsAsTheReferenceLibrary(PreTokenizer pre) throws Exception {
        BpeTokenizer ours = BpeTokenizerTest.tokenizer(pre);
        List<String> texts = new ArrayList<>(List.of("I'M here, it'S 12345 o'clock!!\n\n  x", "hello world",
                "tabs\tand\r\nCRLF  \n end  ", "日本語のテキスト 123", "ſ's ſt", "Ⅻ٣٤ 𝟘𝟙 😀😀 a"));
        String alphabet = "helowrd'sStTmMlLvVeE 0123456789\n\r\t.,!?-日本éÉ😀٣Ⅻ\u00a0\u2009";
        Random r = new Random(5);
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 1 + r.nextInt(25); j > 0; j--) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            texts.add(sb.toString());
        }
        try (HfTokenizer hf = HfTokenizer.open(write(pre))) {
            for (String s : texts) {
                assertThat(ours.encode(s, false)).as("[%s]", s).containsExactly(hf.encode(s, false));
            }
        }
    }

    private Path write(PreTokenizer pre) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        if (pre == PreTokenizer.GPT2) {
            root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                    .put("trim_offsets", true).put("use_regex", true);
        } else {
            ObjectNode seq = root.putObject("pre_tokenizer").put("type", "Sequence");
            ArrayNode list = seq.putArray("pretokenizers");
            ObjectNode split = list.addObject().put("type", "Split").put("behavior", "Isolated").put("invert", false);
            split.putObject("pattern").put("Regex", pre == PreTokenizer.LLAMA3 ? LLAMA3 : QWEN2);
            list.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                    .put("use_regex", false);
        }
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
                .put("use_regex", true);
        ObjectNode model = root.putObject("model").put("type", "BPE").put("fuse_unk", false)
                .put("byte_fallback", false).put("ignore_merges", pre.ignoreMerges());
        model.putNull("dropout");
        model.putNull("unk_token");
        ObjectNode vocab = model.putObject("vocab");
        String[] tokens = BpeTokenizerTest.tokens();
        for (int i = 0; i < tokens.length - 2; i++) {
            vocab.put(tokens[i], i);
        }
        ArrayNode merges = model.putArray("merges");
        BpeTokenizerTest.MERGES.forEach(merges::add);
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, m.writeValueAsString(root));
        return p;
    }
}
