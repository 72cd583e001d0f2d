package dev.modelfactory.engine.generate;

import java.util.Arrays;

/**
 * The generation loop: one batched forward pass over the prompt (prefill), then per step: check
 * cancellation and budget, sample, check stop conditions, stream the token, and feed it back (decode).
 */
public final class Generator {

    private final TokenDecoder decoder;

    /** A generator without text: stop strings are ignored and streamed text is empty. */
    public Generator() {
        this(null);
    }

    /** A generator that decodes text for streaming and stop strings; {@code decoder} may be null. */
    public Generator(TokenDecoder decoder) {
        this.decoder = decoder;
    }

    public GenerationResult generate(DecodeSession session, GenerationRequest request, TokenListener listener,
            CancellationToken cancel) {
        int[] prompt = request.prompt();
        if (session.position() + prompt.length > session.capacity()) {
            throw new IllegalArgumentException("the prompt of " + prompt.length + " tokens does not fit the context of "
                    + session.capacity() + " (" + session.position() + " used)");
        }
        Sampler sampler = new Sampler(request.sampling());
        int[] history = Arrays.copyOf(prompt, prompt.length + request.maxTokens());
        int historyLength = prompt.length;
        int[] out = new int[request.maxTokens()];
        int n = 0;
        int steps = 0;
        String text = decoder == null ? null : "";
        StopReason reason;

        long t0 = System.nanoTime();
        float[] logits = session.append(prompt);
        long prefillNanos = System.nanoTime() - t0;
        long decodeNanos = 0;
        while (true) {
            if (cancel.isCancelled()) {
                reason = StopReason.CANCELLED;
                break;
            }
            if (n >= request.maxTokens()) {
                reason = StopReason.MAX_TOKENS;
                break;
            }
            int token = sampler.sample(logits, Arrays.copyOf(history, historyLength));
            if (request.stopTokens().contains(token)) {
                reason = StopReason.STOP_TOKEN;
                break;
            }
            out[n++] = token;
            history[historyLength++] = token;
            String delta = "";
            if (decoder != null) {
                String now = decoder.decode(Arrays.copyOf(out, n));
                delta = now.startsWith(text) ? now.substring(text.length()) : "";
                text = now;
            }
            listener.onToken(token, delta);
            int seq = endsWithStopSequence(out, n, request);
            if (seq > 0) {
                n -= seq;
                if (decoder != null) {
                    text = decoder.decode(Arrays.copyOf(out, n));
                }
                reason = StopReason.STOP_SEQUENCE;
                break;
            }
            int cut = stopStringAt(text, request);
            if (cut >= 0) {
                text = text.substring(0, cut);
                reason = StopReason.STOP_TEXT;
                break;
            }
            if (n >= request.maxTokens()) {
                reason = StopReason.MAX_TOKENS;
                break;
            }
            if (session.position() >= session.capacity()) {
                reason = StopReason.CONTEXT_FULL;
                break;
            }
            long t1 = System.nanoTime();
            logits = session.append(new int[] {token});
            decodeNanos += System.nanoTime() - t1;
            steps++;
        }
        return new GenerationResult(Arrays.copyOf(out, n), text, reason, prompt.length, n, steps, prefillNanos / 1e9,
                decodeNanos / 1e9);
    }

    /** Length of the stop sequence the output ends with, or 0. */
    private static int endsWithStopSequence(int[] out, int n, GenerationRequest request) {
        for (int[] seq : request.stopSequences()) {
            if (seq.length <= n && Arrays.equals(out, n - seq.length, n, seq, 0, seq.length)) {
                return seq.length;
            }
        }
        return 0;
    }

    /** Earliest index of any stop string in the text, or -1. */
    private static int stopStringAt(String text, GenerationRequest request) {
        if (text == null) {
            return -1;
        }
        int best = -1;
        for (String stop : request.stopStrings()) {
            int i = stop.isEmpty() ? -1 : text.indexOf(stop);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
