package dev.modelfactory.engine.train.data;

/**
 * One tokenised conversation. {@code response[i]} marks token i as part of a response, i.e. a target the
 * model is trained to predict from tokens 0..i-1 (token 0 never is: nothing precedes it).
 */
public record TrainingExample(int[] tokens, boolean[] response) {

    public TrainingExample {
        if (tokens.length == 0 || tokens.length != response.length) {
            throw new IllegalArgumentException("tokens and response mask: need the same non-zero length, got "
                    + tokens.length + " and " + response.length);
        }
        tokens = tokens.clone();
        response = response.clone();
    }

    public int length() {
        return tokens.length;
    }

    /** Targets that carry a loss. */
    public int lossTokens() {
        int n = 0;
        for (int i = 1; i < response.length; i++) {
            if (response[i]) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    @Override
    public boolean[] response() {
        return response.clone();
    }

    int token(int i) {
        return tokens[i];
    }

    boolean isResponse(int i) {
        return response[i];
    }
}
