package dev.modelfactory.studio.provenance;

import java.util.Objects;

/**
 * A model output to attribute, with the prompt that produced it. Also what other pages send to the
 * Attribution page ({@link dev.modelfactory.studio.OpenPageEvent}'s request) for "Attribute this output".
 *
 * @param source      where it comes from: {@link #PLAYGROUND}, {@link #BENCHMARK} or {@link #PASTED}
 * @param label       how the user reads it in the list of outputs
 * @param prompt      the prompt (may be empty for pasted text)
 * @param output      the output text
 * @param adapterHint the adapter that produced it as the source names it (playground adapter id, benchmark
 *                    system), or empty
 */
public record OutputChoice(String source, String label, String prompt, String output, String adapterHint) {

    public static final String PLAYGROUND = "Playground";
    public static final String BENCHMARK = "Benchmark";
    public static final String PASTED = "Pasted";

    public OutputChoice {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(output, "output");
        adapterHint = adapterHint == null ? "" : adapterHint;
    }

    @Override
    public String toString() {
        return source + " \u00b7 " + label;
    }
}
