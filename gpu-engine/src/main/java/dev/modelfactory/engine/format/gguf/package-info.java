/**
 * GGUF v2/v3 (llama.cpp's model file): header, typed metadata, tensor infos and ggml tensor data,
 * memory-mapped through the FFM API.
 *
 * <p>File shape: {@code "GGUF" u32 version, u64 tensorCount, u64 kvCount, kv*, tensorInfo*, padding to
 * general.alignment (default 32), tensor data}. All integers little-endian. A tensor info lists
 * {@code ne[]} innermost first; {@link dev.modelfactory.engine.format.gguf.GgufTensor#shape()} reverses it
 * to our outermost-first convention, so a ggml matrix with {@code ne = [in, out]} has shape
 * {@code [out, in]} and row {@code r} is the {@code r}-th run of {@code in} elements.
 *
 * <p>Parsing is strict: every count, length and offset is checked against the bytes that remain before
 * anything is allocated or read; errors are {@link dev.modelfactory.engine.format.ModelFormatException}s
 * naming the file and the offset or field.
 *
 * <p>{@link dev.modelfactory.engine.format.gguf.GgufWriter} writes the same shape (v3; F32, F16 and Q8_0
 * tensors), streaming tensor data and replacing the target atomically.
 */
package dev.modelfactory.engine.format.gguf;
