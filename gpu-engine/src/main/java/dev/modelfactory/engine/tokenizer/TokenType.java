package dev.modelfactory.engine.tokenizer;

/** llama.cpp's token types ({@code tokenizer.ggml.token_type}), ids 1..6; anything else reads as NORMAL. */
public enum TokenType {
    NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    public static TokenType fromId(long id) {
        return switch ((int) id) {
            case 2 -> UNKNOWN;
            case 3 -> CONTROL;
            case 4 -> USER_DEFINED;
            case 5 -> UNUSED;
            case 6 -> BYTE;
            default -> NORMAL;
        };
    }

    /** Tokens that {@code parseSpecial} recognises in text. */
    public boolean isSpecial() {
        return this == CONTROL || this == USER_DEFINED;
    }
}
