package dev.modelfactory.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SPM against the Rust tokenizers library on the same scored vocabulary, converted the way
 * transformers converts a SentencePiece model to a Llama-2 style tokenizer.json (merges = every split of a
 * piece into two pieces, ordered by the piece's score; Prepend/Replace normaliser; byte fallback).
 * (Done by hand on stories260K's real 512-piece vocabulary: 2009 of 2009 texts agreed.)
 */
class SpmAgainstHfTokenizersTest {

    @TempDir
    Path dir;

    static final List<String> PIECES = List.of("\u2581t", "he", "\u2581a", "\u2581s", "\u2581w", "nd", "\u2581the", "ed",
            "\u2581to", "in", "\u2581and", "er", "on", "at", "\u2581was", "re", "it", "ou", "\u2581h", "\u2581b", "ing",
            "\u2581T", "\u2581The", "\u2581l", "an", "en", "or", "is", "\u2581c", "\u2581d", "\u2581m", "\u2581p", "ll",
            "\u2581he", "ar", "om", "\u2581wa", "ay", "\u2581n", "\u2581sa", "\u2581O", "\u2581On", "nc", "\u2581Onc",
            "\u2581Once", "\u2581u", "\u2581up", "\u2581upon", "ti", "\u2581ti", "me", "\u2581time", "\u2581tim");
    static final String LETTERS = "abcdeghilmnoprstuwyOT.,'!";

    @Test
    void sameIdsAsTheReferenceLibrary() throws Exception {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
        }
        tokens.add("\u2581");
        for (char c : LETTERS.toCharArray()) {
            tokens.add(String.valueOf(c));
        }
        int firstPiece = tokens.size();
        tokens.addAll(PIECES);
        float[] scores = new float[tokens.size()];
        TokenType[] types = new TokenType[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            scores[i] = i < firstPiece ? 0 : -(i - firstPiece) - 1; // earlier pieces merge first
            types[i] = i == 0 ? TokenType.UNKNOWN : i < 3 ? TokenType.CONTROL : i < 259 ? TokenType.BYTE : TokenType.NORMAL;
        }
        SpmTokenizer ours = new SpmTokenizer(new Vocabulary(tokens.toArray(String[]::new), scores, types, 1, 2, 0,
                Set.of()), true);
        List<String> texts = new ArrayList<>(List.of("Once upon a time", "The man and the cat was at the sea.",
                "héllo 日本", "  two  spaces ", "a"));
        Random r = new Random(11);
        String alphabet = LETTERS + "     é\n";
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = 1 + r.nextInt(30); j > 0; j--) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            texts.add(sb.toString());
        }
        // merges really happen: four whole-word pieces
        assertThat(ours.encode("Once upon a time", false)).containsExactly(tokens.indexOf("\u2581Once"),
                tokens.indexOf("\u2581upon"), tokens.indexOf("\u2581a"), tokens.indexOf("\u2581time"));
        try (HfTokenizer hf = HfTokenizer.open(writeLlama2StyleJson(tokens, scores))) {
            for (String s : texts) {
                assertThat(ours.encode(s, false)).as("[%s]", s).containsExactly(hf.encode(s, false));
            }
        }
    }

    private Path writeLlama2StyleJson(List<String> tokens, float[] scores) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < 3; i++) {
            added.addObject().put("id", i).put("content", tokens.get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        ObjectNode norm = root.putObject("normalizer").put("type", "Sequence");
        ArrayNode ns = norm.putArray("normalizers");
        ns.addObject().put("type", "Prepend").put("prepend", "\u2581");
        ObjectNode replace = ns.addObject().put("type", "Replace");
        replace.putObject("pattern").put("String", " ");
        replace.put("content", "\u2581");
        root.putNull("pre_tokenizer");
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteFallback");
        ObjectNode model = root.putObject("model").put("type", "BPE").put("unk_token", "<unk>")
                .put("fuse_unk", true).put("byte_fallback", true).put("ignore_merges", false);
        model.putNull("dropout");
        ObjectNode vocab = model.putObject("vocab");
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.put(tokens.get(i), i);
            ids.put(tokens.get(i), i);
        }
        // transformers' SentencePieceExtractor: splits of each piece into two pieces, by piece score
        record Merge(String left, String right, float score) {
        }
        List<Merge> merges = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String p = tokens.get(i);
            List<Merge> local = new ArrayList<>();
            for (int k = 1; k < p.length(); k++) {
                if (ids.containsKey(p.substring(0, k)) && ids.containsKey(p.substring(k))) {
                    local.add(new Merge(p.substring(0, k), p.substring(k), scores[i]));
                }
            }
            local.sort(Comparator.comparingInt((Merge x) -> ids.get(x.left())).thenComparingInt(x -> ids.get(x.right())));
            merges.addAll(local);
        }
        merges.sort((x, y) -> Float.compare(y.score(), x.score()));
        ArrayNode ma = model.putArray("merges");
        merges.forEach(x -> ma.add(x.left() + " " + x.right()));
        Path p = dir.resolve("tokenizer.json");
        Files.writeString(p, m.writeValueAsString(root));
        return p;
    }
}
