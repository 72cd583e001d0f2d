/**
 * From a model on disk (a GGUF file or a Hugging Face folder) to a runnable {@code LlamaModel} with its
 * tokenizer and chat template: the one place that joins the formats to the model code. The way back, a
 * model to a llama.cpp GGUF, is {@link dev.modelfactory.engine.loader.LlamaGguf}.
 */
package dev.modelfactory.engine.loader;
