package dev.modelfactory.app.pipelines.spec;

/** What a step field holds; the parser checks each field's value against its type. */
public enum FieldType {
    /** A string (numbers and booleans are taken as written); may contain {@code ${starter}}, {@code ${here}}. */
    TEXT("a string"),
    /** A number (a string that reads as one, such as {@code 5e-3}, counts). */
    NUMBER("a number"),
    /** A whole number. */
    INTEGER("a whole number"),
    BOOLEAN("true or false"),
    /** A list of strings (a single string counts as a list of one). */
    TEXT_LIST("a list of strings"),
    /** A list of numbers. */
    NUMBER_LIST("a list of numbers"),
    /** An earlier step's output: {@code ${step.output}}. */
    REF("a reference ${step.output}"),
    /** A mapping of system labels to {@code base}, {@code best} or an adapter reference. */
    SYSTEMS("a mapping of labels to 'base', 'best' or ${step.adapter}");

    private final String expected;

    FieldType(String expected) {
        this.expected = expected;
    }

    /** How an error names it: "expected a number". */
    public String expected() {
        return expected;
    }
}
