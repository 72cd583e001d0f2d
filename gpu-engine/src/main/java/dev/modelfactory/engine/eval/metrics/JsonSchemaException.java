package dev.modelfactory.engine.eval.metrics;

/** A JSON Schema this engine cannot use: not JSON, or a keyword outside the supported subset; names the path. */
public final class JsonSchemaException extends IllegalArgumentException {

    public JsonSchemaException(String message) {
        super(message);
    }
}
