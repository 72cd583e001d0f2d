package dev.modelfactory.app.pipelines.spec;

/** A field a step kind knows: its name in the YAML, its type, and whether it must be given. */
public record FieldSpec(String name, FieldType type, boolean required) {

    static FieldSpec req(String name, FieldType type) {
        return new FieldSpec(name, type, true);
    }

    static FieldSpec opt(String name, FieldType type) {
        return new FieldSpec(name, type, false);
    }
}
