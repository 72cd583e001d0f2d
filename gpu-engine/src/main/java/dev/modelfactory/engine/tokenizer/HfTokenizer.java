package dev.modelfactory.engine.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.format.ModelFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A Hugging Face {@code tokenizer.json} run by the Rust tokenizers library through DJL, always from a
 * local file (never a hub name: that would go to the network), with truncation and padding off (DJL
 * otherwise cuts input at 512 tokens and pads with id 0).
 *
 * <p>BOS/EOS come from {@code tokenizer_config.json} next to it when present. {@code addBos} maps to the
 * library's "add special tokens", which applies the file's own post-processor (Llama 3 adds
 * {@code <|begin_of_text|>}; Qwen2 adds nothing). The library always recognises added special tokens in
 * text, so {@code parseSpecial = false} cannot be honoured exactly: callers must not pass untrusted text
 * expecting it to be inert. Piece bytes are derived from the vocabulary: byte-level alphabets are
 * decoded, {@code <0xXX>} pieces give their byte, U+2581 becomes a space.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HuggingFaceTokenizer tokenizer;
    private final String[] pieces;
    private final Set<Integer> special;
    private final boolean byteLevel;
    private final int bos;
    private final int eos;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, String[] pieces, Set<Integer> special, boolean byteLevel,
                        int bos, int eos) {
        this.tokenizer = tokenizer;
        this.pieces = pieces;
        this.special = special;
        this.byteLevel = byteLevel;
        this.bos = bos;
        this.eos = eos;
    }

    /** Opens {@code tokenizer.json} (and {@code tokenizer_config.json} beside it, if any). */
    public static HfTokenizer open(Path tokenizerJson) {
        String source = tokenizerJson.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(tokenizerJson));
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw ModelFormatException.field(source, "model.vocab", "missing or not an object (only BPE/WordPiece"
                    + " style vocabularies are supported)");
        }
        Map<Integer, String> byId = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byId.put(e.getValue().asInt(), e.getKey());
        }
        Set<Integer> special = new HashSet<>();
        for (JsonNode t : root.path("added_tokens")) {
            byId.put(t.path("id").asInt(), t.path("content").asText());
            if (t.path("special").asBoolean(false)) {
                special.add(t.path("id").asInt());
            }
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] pieces = new String[size];
        byId.forEach((id, s) -> {
            if (id >= 0) {
                pieces[id] = s;
            }
        });
        boolean byteLevel = root.path("decoder").toString().contains("ByteLevel");
        Map<String, Integer> ids = new HashMap<>();
        byId.forEach((id, s) -> ids.put(s, id));
        JsonNode config = readConfig(tokenizerJson.resolveSibling("tokenizer_config.json"));
        int bos = ids.getOrDefault(tokenText(config.get("bos_token")), -1);
        int eos = ids.getOrDefault(tokenText(config.get("eos_token")), -1);
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optTruncation(false)
                    .optPadding(false)
                    .optAddSpecialTokens(true)
                    .build();
            return new HfTokenizer(t, pieces, special, byteLevel, bos, eos);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(source + ": the tokenizers library refused it: " + e.getMessage(), e);
        }
    }

    private static JsonNode readConfig(Path p) {
        if (!Files.isRegularFile(p)) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(Files.readString(p));
        } catch (IOException e) {
            throw new ModelFormatException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A tokenizer_config token: a plain string or an AddedToken object with "content". */
    static String tokenText(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : n.path("content").asText(null);
    }

    @Override
    public int[] encode(String text, boolean addBos, boolean parseSpecial) {
        Encoding e = tokenizer.encode(text, addBos, false);
        long[] ids = e.getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, true);
    }

    @Override
    public byte[] pieceBytes(int id) {
        if (id < 0 || id >= pieces.length || pieces[id] == null) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + pieces.length);
        }
        if (special.contains(id)) {
            return new byte[0];
        }
        String p = pieces[id];
        if (byteLevel) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteLevel.decode(p, out);
            return out.toByteArray();
        }
        if (p.length() == 6 && p.startsWith("<0x") && p.endsWith(">")) {
            return new byte[] {(byte) Integer.parseInt(p.substring(3, 5), 16)};
        }
        return p.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int bosId() {
        return bos;
    }

    @Override
    public int eosId() {
        return eos;
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
