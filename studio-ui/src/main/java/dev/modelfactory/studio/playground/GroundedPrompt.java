package dev.modelfactory.studio.playground;

import java.util.List;

/**
 * The user turn the model sees when an answer is grounded: the retrieved rows as numbered sources, an
 * instruction to cite them as [n], then the question. The conversation shown keeps the plain question.
 */
public final class GroundedPrompt {

    /** Characters of a source's text put into the prompt (rows can be long; the context is not). */
    public static final int MAX_SOURCE_CHARS = 600;

    static final String INSTRUCTION = "Answer the question using the numbered sources below. After each statement "
            + "taken from a source, cite it as [n] (for example [1] or [2][3]). If the sources do not contain "
            + "the answer, say so.";

    private GroundedPrompt() {
    }

    /** The grounded user turn; with no sources the question is returned as it is. */
    public static String build(String question, List<GroundingSource> sources) {
        if (sources.isEmpty()) {
            return question;
        }
        StringBuilder b = new StringBuilder(INSTRUCTION).append("\n\nSources:\n");
        for (GroundingSource s : sources) {
            b.append('[').append(s.number()).append("] ").append(s.snippet(MAX_SOURCE_CHARS)).append('\n');
        }
        return b.append("\nQuestion: ").append(question.strip()).toString();
    }
}
