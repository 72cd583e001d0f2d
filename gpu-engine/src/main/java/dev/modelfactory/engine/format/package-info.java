/**
 * Model file formats: the format-neutral values every reader produces ({@link
 * dev.modelfactory.engine.format.ModelSpec}, {@link dev.modelfactory.engine.format.WeightSource}) and the
 * one error they all throw ({@link dev.modelfactory.engine.format.ModelFormatException}).
 *
 * <p>Conventions shared by every reader:
 * <ul>
 *   <li>Weight names are llama.cpp GGUF names ({@code token_embd.weight}, {@code blk.{i}.attn_q.weight},
 *       ...); Hugging Face names are mapped onto them.</li>
 *   <li>Shapes are row-major and outermost first, like torch: a linear weight is {@code [out, in]}.
 *       GGUF lists its dimensions innermost first ({@code ne[0]} = columns), so GGUF shapes are reversed.</li>
 *   <li>Files are memory-mapped; nothing is copied at load; every length, count and offset read from a
 *       file is checked against the file before it is used.</li>
 * </ul>
 */
package dev.modelfactory.engine.format;
