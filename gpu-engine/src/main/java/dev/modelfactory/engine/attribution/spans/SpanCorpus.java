package dev.modelfactory.engine.attribution.spans;

import java.util.Arrays;

/**
 * The text a span index is built over: documents (token id sequences) laid end to end, each followed by the
 * separator -1, so that no match can run from one document into the next. A document belongs to a row
 * (several documents per row when each message of a conversation is its own document).
 *
 * @param text      every document followed by -1; length {@code tokens + documents}
 * @param docStarts position in {@code text} where each document starts, ascending
 * @param docRows   the row index of each document, {@code 0 <= row < rowCount}
 * @param rowCount  how many rows there are (rows without documents included)
 */
public record SpanCorpus(int[] text, int[] docStarts, int[] docRows, int rowCount) {

    /** Separator after every document; never a token id. */
    public static final int SEPARATOR = -1;

    public SpanCorpus {
        if (docStarts.length != docRows.length) {
            throw new IllegalArgumentException(docStarts.length + " document starts but " + docRows.length + " rows");
        }
    }

    public int documentCount() {
        return docStarts.length;
    }

    /** Token ids in the text, separators excluded. */
    public long tokenCount() {
        return (long) text.length - docStarts.length;
    }

    /** Collects documents in order; rows are numbered by the caller, from 0. */
    public static final class Builder {
        private int[] text = new int[1024];
        private int length;
        private int[] starts = new int[64];
        private int[] rows = new int[64];
        private int docs;
        private int rowCount;

        /** Adds one document of {@code row}; ids must be {@code >= 0}; empty documents are skipped. */
        public Builder add(int row, int[] tokens) {
            if (row < 0) {
                throw new IllegalArgumentException("row " + row + " < 0");
            }
            rowCount = Math.max(rowCount, row + 1);
            if (tokens.length == 0) {
                return this;
            }
            long need = (long) length + tokens.length + 1;
            if (need >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a span index holds at most " + (Integer.MAX_VALUE - 8)
                        + " tokens and separators; this corpus has more");
            }
            if (need > text.length) {
                text = Arrays.copyOf(text, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, 2L * text.length)));
            }
            if (docs == starts.length) {
                starts = Arrays.copyOf(starts, docs * 2);
                rows = Arrays.copyOf(rows, docs * 2);
            }
            starts[docs] = length;
            rows[docs++] = row;
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i] < 0) {
                    throw new IllegalArgumentException("token id " + tokens[i] + " at " + i + " of a document of row "
                            + row + " is negative");
                }
                text[length++] = tokens[i];
            }
            text[length++] = SEPARATOR;
            return this;
        }

        /** Declares that rows up to {@code count - 1} exist even if the last ones had no documents. */
        public Builder rows(int count) {
            rowCount = Math.max(rowCount, count);
            return this;
        }

        public SpanCorpus build() {
            return new SpanCorpus(Arrays.copyOf(text, length), Arrays.copyOf(starts, docs), Arrays.copyOf(rows, docs),
                    rowCount);
        }
    }
}
