/**
 * Text to token ids and back. One {@link dev.modelfactory.engine.tokenizer.Tokenizer} interface; three
 * implementations: GGUF {@code llama} (SentencePiece-style BPE merged by score, as llama.cpp's SPM
 * tokenizer), GGUF {@code gpt2} (byte-level BPE merged by rank) and Hugging Face {@code tokenizer.json}
 * through DJL's binding of the Rust tokenizers library (truncation and padding off).
 *
 * <p>Streaming output goes through {@link dev.modelfactory.engine.tokenizer.TokenStreamDecoder}, which holds
 * back incomplete UTF-8 sequences split across byte-fallback tokens.
 */
package dev.modelfactory.engine.tokenizer;
