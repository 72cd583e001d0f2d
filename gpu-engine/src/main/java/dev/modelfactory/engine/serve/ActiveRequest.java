package dev.modelfactory.engine.serve;

import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.Sampler;
import dev.modelfactory.engine.generate.StopReason;
import dev.modelfactory.engine.generate.TokenDecoder;
import dev.modelfactory.engine.generate.TokenListener;
import dev.modelfactory.engine.model.LlamaSession;
import java.util.Arrays;

/**
 * One running request inside the scheduler: its session (KV cache), adapter lease, sampler and output so
 * far. {@link #next()} is the body of {@code Generator}'s loop for one token (cancel, budget, sample, stop
 * token, stream, stop sequence / text, budget, context), so a request served in a batch stops for the
 * same reasons and yields the same tokens as one generated alone. Used by the scheduler thread only.
 */
final class ActiveRequest {

    final ServeHandle handle;
    final GenerationRequest request;
    final TokenListener listener;
    final TokenDecoder decoder;
    final Sampler sampler;
    final LlamaSession session;
    AdapterLease lease;
    float[] logits;
    long prefillNanos;
    long decodeNanos;
    int steps;

    private final int[] history;
    private int historyLength;
    private final int[] out;
    private int n;
    private String text;
    private StopReason reason;

    ActiveRequest(ServeHandle handle, GenerationRequest request, TokenListener listener, TokenDecoder decoder,
            LlamaSession session, AdapterLease lease) {
        this.handle = handle;
        this.request = request;
        this.listener = listener;
        this.decoder = decoder;
        this.sampler = new Sampler(request.sampling());
        this.session = session;
        this.lease = lease;
        int[] prompt = request.prompt();
        this.history = Arrays.copyOf(prompt, prompt.length + request.maxTokens());
        this.historyLength = prompt.length;
        this.out = new int[request.maxTokens()];
        this.text = decoder == null ? null : "";
    }

    /** The token to feed next, or -1 once the request is finished (see {@link #result()}). */
    int next() {
        if (handle.isCancelled()) {
            return stop(StopReason.CANCELLED);
        }
        if (n >= request.maxTokens()) {
            return stop(StopReason.MAX_TOKENS);
        }
        int token = sampler.sample(logits, Arrays.copyOf(history, historyLength));
        if (request.stopTokens().contains(token)) {
            return stop(StopReason.STOP_TOKEN);
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
        int seq = endsWithStopSequence();
        if (seq > 0) {
            n -= seq;
            if (decoder != null) {
                text = decoder.decode(Arrays.copyOf(out, n));
            }
            return stop(StopReason.STOP_SEQUENCE);
        }
        int cut = stopStringAt();
        if (cut >= 0) {
            text = text.substring(0, cut);
            return stop(StopReason.STOP_TEXT);
        }
        if (n >= request.maxTokens()) {
            return stop(StopReason.MAX_TOKENS);
        }
        if (session.position() >= session.capacity()) {
            return stop(StopReason.CONTEXT_FULL);
        }
        return token;
    }

    private int stop(StopReason r) {
        reason = r;
        return -1;
    }

    boolean finished() {
        return reason != null;
    }

    GenerationResult result() {
        return new GenerationResult(Arrays.copyOf(out, n), text, reason, request.prompt().length, n, steps,
                prefillNanos / 1e9, decodeNanos / 1e9);
    }

    private int endsWithStopSequence() {
        for (int[] seq : request.stopSequences()) {
            if (seq.length <= n && Arrays.equals(out, n - seq.length, n, seq, 0, seq.length)) {
                return seq.length;
            }
        }
        return 0;
    }

    private int stopStringAt() {
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

    /** Frees the KV cache and the adapter lease. */
    void close() {
        session.close();
        if (lease != null) {
            lease.close();
            lease = null;
        }
    }
}
