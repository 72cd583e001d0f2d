package dev.modelfactory.engine.train.data;

import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Conversations to {@link TrainingExample}s: rendered by a {@link ChatFormat}, tokenised with special-token
 * text parsed (the template's control tokens become single tokens), response tokens marked.
 *
 * <p>The text is tokenised once as a whole, so tokens are exactly those inference sees. A span boundary is
 * placed by tokenising the text up to it: where that is a prefix of the whole (the usual case, as
 * templates put boundaries after control tokens or newlines) the boundary is exact; where a token
 * straddles the boundary it goes to the prompt at a response start and to the response at its end. A BOS
 * is added where the tokenizer adds one by default, unless the template already rendered it.
 */
public final class ExampleEncoder {

    private final ChatFormat format;
    private final Tokenizer tokenizer;
    private final int seqLen;
    private final TruncationPolicy truncation;

    public ExampleEncoder(ChatFormat format, Tokenizer tokenizer, int seqLen, TruncationPolicy truncation) {
        if (seqLen < 2) {
            throw new IllegalArgumentException("seqLen: must be >= 2, got " + seqLen);
        }
        this.format = format;
        this.tokenizer = tokenizer;
        this.seqLen = seqLen;
        this.truncation = truncation;
    }

    /** Encodes all conversations in order; the result's sources map each example back to its conversation. */
    public EncodedData encodeAll(List<Conversation> conversations) {
        List<TrainingExample> out = new ArrayList<>();
        int[] sources = new int[conversations.size()];
        int dropped = 0;
        int truncated = 0;
        for (int i = 0; i < conversations.size(); i++) {
            TrainingExample full = encode(conversations.get(i));
            Optional<TrainingExample> fitted = fit(full);
            if (fitted.isEmpty()) {
                dropped++;
            } else {
                truncated += fitted.get().length() < full.length() ? 1 : 0;
                sources[out.size()] = i;
                out.add(fitted.get());
            }
        }
        return new EncodedData(out, java.util.Arrays.copyOf(sources, out.size()), dropped, truncated);
    }

    /** The whole conversation, not yet fitted to the sequence length. */
    public TrainingExample encode(Conversation c) {
        List<ChatFormat.Span> spans = format.spans(c);
        StringBuilder text = new StringBuilder();
        for (ChatFormat.Span s : spans) {
            text.append(s.text());
        }
        String all = text.toString();
        int[] ids = tokenize(all);
        boolean[] response = new boolean[ids.length];
        int offset = 0;
        for (ChatFormat.Span s : spans) {
            int startChar = offset;
            offset += s.text().length();
            if (s.response()) {
                int from = boundary(all, startChar, ids);
                int to = boundary(all, offset, ids);
                Arrays.fill(response, from, Math.max(from, to), true);
            }
        }
        return new TrainingExample(ids, response);
    }

    /** The example cut to seqLen per policy; empty when left out. */
    Optional<TrainingExample> fit(TrainingExample e) {
        TrainingExample fitted = e;
        if (e.length() > seqLen) {
            if (truncation == TruncationPolicy.DROP) {
                return Optional.empty();
            }
            fitted = new TrainingExample(Arrays.copyOf(e.tokens(), seqLen), Arrays.copyOf(e.response(), seqLen));
        }
        return fitted.lossTokens() == 0 ? Optional.empty() : Optional.of(fitted);
    }

    private int[] tokenize(String text) {
        int[] ids = tokenizer.encode(text, tokenizer.addBosByDefault(), true);
        int bos = tokenizer.bosId();
        if (ids.length >= 2 && bos >= 0 && ids[0] == bos && ids[1] == bos) {
            ids = Arrays.copyOfRange(ids, 1, ids.length);
        }
        return ids;
    }

    /**
     * Token index where character {@code end} falls. A token straddling it counts as before the boundary,
     * which gives it to the prompt at a response start and to the response at a response end.
     */
    private int boundary(String all, int end, int[] ids) {
        if (end >= all.length()) {
            return ids.length;
        }
        int[] prefix = end == 0 ? new int[0] : tokenize(all.substring(0, end));
        int common = 0;
        while (common < prefix.length && common < ids.length && prefix[common] == ids[common]) {
            common++;
        }
        return common == prefix.length ? common : Math.min(ids.length, common + 1);
    }
}
