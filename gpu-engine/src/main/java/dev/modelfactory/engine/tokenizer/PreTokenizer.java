package dev.modelfactory.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The word-splitting regex that runs before byte-level BPE, chosen by GGUF {@code tokenizer.ggml.pre}.
 * Merges never cross these word boundaries. Patterns are those the models were trained with, in Java
 * syntax ({@code \s} Unicode-aware).
 */
public enum PreTokenizer {
    /** GPT-2 and most older byte-level BPE models. */
    GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+", false),
    /** Llama 3: case-insensitive contractions, digits in groups of up to three; whole-word vocab hits skip merges. */
    LLAMA3("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", true),
    /** Qwen2: like Llama 3 but one digit per word. */
    QWEN2("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", false);

    private final Pattern pattern;
    private final boolean ignoreMerges;

    PreTokenizer(String regex, boolean ignoreMerges) {
        this.pattern = Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        this.ignoreMerges = ignoreMerges;
    }

    /** True when a word that is itself a token is emitted without merging (llama.cpp's ignore_merges). */
    public boolean ignoreMerges() {
        return ignoreMerges;
    }

    /** The words of {@code text}; together they cover it exactly. */
    public List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                words.add(text.substring(last, m.start())); // keep anything the pattern skipped
            }
            if (m.end() > m.start()) {
                words.add(m.group());
            }
            last = m.end();
        }
        if (last < text.length()) {
            words.add(text.substring(last));
        }
        return words;
    }

    /** The pre-tokenizer for a GGUF {@code tokenizer.ggml.pre} value (GPT2 when absent or unknown). */
    public static PreTokenizer forGgufPre(String pre) {
        if (pre == null) {
            return GPT2;
        }
        return switch (pre.toLowerCase(Locale.ROOT)) {
            case "llama3", "llama-v3", "llama-bpe", "smaug-bpe" -> LLAMA3;
            case "qwen2", "deepseek-r1-qwen" -> QWEN2;
            default -> GPT2;
        };
    }
}
