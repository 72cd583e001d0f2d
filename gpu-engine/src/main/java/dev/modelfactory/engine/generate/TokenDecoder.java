package dev.modelfactory.engine.generate;

/** Turns token ids into text (a tokenizer's decode); used for stop strings and streamed text. */
@FunctionalInterface
public interface TokenDecoder {

    String decode(int[] tokens);
}
