package dev.modelfactory.studio.training;

import java.util.List;

/**
 * One training example as the model will see it: its pieces in order, each either part of the loss (the
 * assistant's response) or masked from it (system, prompt and template tokens).
 *
 * @param template which template rendered it
 * @param tokens   how many tokens it encodes to, and how many of them count in the loss
 */
public record ExamplePreview(String template, List<Piece> pieces, int tokens, int lossTokens) {

    public ExamplePreview {
        pieces = List.copyOf(pieces);
    }

    /** A run of text; {@code trained} when its tokens count in the loss. */
    public record Piece(String text, boolean trained) {
    }
}
