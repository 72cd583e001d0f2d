package dev.modelfactory.studio.playground;

import java.util.Objects;

/**
 * A dataset row put into a grounded prompt as source {@code [number]}.
 *
 * @param number      the source's number in the prompt, from 1
 * @param rowId       the row's workspace-local id
 * @param rowHash     the row's identity hash (what an attribution names)
 * @param contributor who contributed the row, or "" if no one was named
 * @param text        the row's text
 * @param score       its retrieval score for the question (BM25: larger is better)
 */
public record GroundingSource(int number, long rowId, String rowHash, String contributor, String text, double score) {

    public GroundingSource {
        if (number < 1) {
            throw new IllegalArgumentException("source numbers start at 1, got " + number);
        }
        Objects.requireNonNull(rowHash, "rowHash");
        contributor = contributor == null ? "" : contributor;
        Objects.requireNonNull(text, "text");
    }

    /** The text on one line, cut to {@code max} characters with an ellipsis. */
    public String snippet(int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, Math.max(0, max - 1)) + "…";
    }
}
