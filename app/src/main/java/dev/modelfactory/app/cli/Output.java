package dev.modelfactory.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Writes a command's result: JSON (one document) with {@code --json}, else the human text. */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final PrintWriter out;
    private final boolean json;

    public Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Prints {@code result} as JSON when asked for, else {@code human}. */
    public void result(Object result, String human) {
        out.println(json ? toJson(result) : human);
        out.flush();
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write result as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
