package dev.modelfactory.app.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.modelfactory.engine.generate.GenerationRequest;
import dev.modelfactory.engine.generate.GenerationResult;
import dev.modelfactory.engine.generate.StopReason;
import dev.modelfactory.engine.serve.ServeHandle;
import dev.modelfactory.engine.serve.ServeRequest;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /v1/chat/completions} and {@code /v1/completions}: builds the prompt (chat turns through the chat
 * template), submits it to the engine, and answers with one JSON document or, for {@code stream: true}, with
 * server-sent events in OpenAI's chunk format ending in {@code data: [DONE]}. Streamed token ids pass from the
 * scheduler thread through a queue and are decoded on the exchange's thread, so a slow client never stalls
 * the batch; a failed write (the client went away) cancels the request.
 */
final class CompletionHandler {

    /** Polls of the token queue (100 ms each) without tokens before a keep-alive comment probes the client. */
    private static final int KEEP_ALIVE_POLLS = 10;

    private final ServedModel served;
    private final int maxTokensLimit;
    private final AtomicLong disconnectCancels = new AtomicLong();

    CompletionHandler(ServedModel served, int maxTokensLimit) {
        this.served = served;
        this.maxTokensLimit = maxTokensLimit;
    }

    long disconnectCancels() {
        return disconnectCancels.get();
    }

    void handle(HttpExchange ex, JsonNode body, boolean chat) throws IOException {
        CompletionRequest req = CompletionRequest.parse(body, chat, maxTokensLimit);
        String adapter = served.adapterOf(req.model());
        GenerationRequest.Builder g = GenerationRequest.builder(prompt(req)).maxTokens(req.maxTokens())
                .sampling(req.sampling());
        if (served.tokenizer().eosId() >= 0) {
            g.stopToken(served.tokenizer().eosId());
        }
        req.stops().forEach(g::stopString);
        String id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        if (!req.stream()) {
            ServeHandle h = served.engine().submit(new ServeRequest(adapter, g.build()), null);
            GenerationResult r = await(h);
            ObjectNode doc = envelope(id, chat ? "chat.completion" : "text_completion", created, req.model());
            ObjectNode choice = doc.putArray("choices").addObject();
            choice.put("index", 0);
            if (chat) {
                choice.putObject("message").put("role", "assistant").put("content", r.text());
            } else {
                choice.put("text", r.text());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(r.stopReason()));
            usage(doc, r);
            Exchanges.sendJson(ex, 200, doc);
            return;
        }
        stream(ex, req, adapter, g.build(), id, created, chat);
    }

    private void stream(HttpExchange ex, CompletionRequest req, String adapter, GenerationRequest g, String id,
            long created, boolean chat) throws IOException {
        LinkedBlockingQueue<Integer> tokens = new LinkedBlockingQueue<>();
        ServeHandle h = served.engine().submit(new ServeRequest(adapter, g), (token, text) -> tokens.add(token));
        StreamText text = new StreamText(req.stops());
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        try {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            if (chat) {
                event(out, chunk(id, created, req.model(), true, "", null, true));
            }
            // decoded here, not on the scheduler thread: the whole output again, as the engine's own decoder does
            int[] generated = new int[Math.min(req.maxTokens(), 1024)];
            int n = 0;
            int idle = 0;
            while (true) {
                Integer t = tokens.poll(100, TimeUnit.MILLISECONDS);
                if (t != null) {
                    idle = 0;
                    for (; t != null; t = tokens.poll()) {
                        if (n == generated.length) {
                            generated = Arrays.copyOf(generated, 2 * n);
                        }
                        generated[n++] = t;
                    }
                    String safe = text.update(served.tokenizer().decode(Arrays.copyOf(generated, n)));
                    if (!safe.isEmpty()) {
                        event(out, chunk(id, created, req.model(), chat, safe, null, false));
                    }
                } else if (h.result().isDone() && tokens.isEmpty()) {
                    break;
                } else if (++idle >= KEEP_ALIVE_POLLS) {
                    idle = 0;
                    out.write(":\n\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            GenerationResult r;
            try {
                r = await(h);
            } catch (ApiException e) {
                ObjectNode err = Exchanges.JSON.createObjectNode();
                err.putObject("error").put("message", e.getMessage()).put("type", e.type()).putNull("param")
                        .putNull("code");
                event(out, err);
                done(out);
                return;
            }
            String rest = text.rest(r.text());
            if (!rest.isEmpty()) {
                event(out, chunk(id, created, req.model(), chat, rest, null, false));
            }
            event(out, chunk(id, created, req.model(), chat, "", finishReason(r.stopReason()), false));
            if (req.streamUsage()) {
                ObjectNode last = envelope(id, chat ? "chat.completion.chunk" : "text_completion", created, req.model());
                last.putArray("choices");
                usage(last, r);
                event(out, last);
            }
            done(out);
        } catch (IOException e) {
            cancelForDisconnect(h);
            throw e;
        } catch (InterruptedException e) {
            h.cancel();
            Thread.currentThread().interrupt();
        }
    }

    private void cancelForDisconnect(ServeHandle h) {
        h.cancel();
        try {
            if (h.result().join().stopReason() == StopReason.CANCELLED) {
                disconnectCancels.incrementAndGet();
            }
        } catch (RuntimeException failed) {
            // the request failed on its own; nothing left to cancel
        }
    }

    private static void event(OutputStream out, JsonNode json) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(Exchanges.JSON.writeValueAsBytes(json));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void done(OutputStream out) throws IOException {
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static ObjectNode chunk(String id, long created, String model, boolean chat, String text, String finish,
            boolean first) {
        ObjectNode c = envelope(id, chat ? "chat.completion.chunk" : "text_completion", created, model);
        ObjectNode choice = c.putArray("choices").addObject();
        choice.put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (first) {
                delta.put("role", "assistant");
            }
            if (first || finish == null) {
                delta.put("content", text);
            }
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        return c;
    }

    private static ObjectNode envelope(String id, String object, long created, String model) {
        ObjectNode doc = Exchanges.JSON.createObjectNode();
        doc.put("id", id);
        doc.put("object", object);
        doc.put("created", created);
        doc.put("model", model);
        return doc;
    }

    private static void usage(ObjectNode doc, GenerationResult r) {
        ObjectNode usage = doc.putObject("usage");
        usage.put("prompt_tokens", r.promptTokens());
        usage.put("completion_tokens", r.generatedTokens());
        usage.put("total_tokens", r.promptTokens() + r.generatedTokens());
    }

    private static String finishReason(StopReason r) {
        return r == StopReason.MAX_TOKENS || r == StopReason.CONTEXT_FULL ? "length" : "stop";
    }

    /** The result, a refused request (prompt too long for the context...) as a 400. */
    private static GenerationResult await(ServeHandle h) {
        try {
            return h.await();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage(), null);
        }
    }

    private int[] prompt(CompletionRequest req) {
        Tokenizer tok = served.tokenizer();
        int[] ids;
        if (req.messages() != null) {
            String rendered;
            try {
                synchronized (served.chatTemplate()) {
                    rendered = served.chatTemplate().render(req.messages(), true);
                }
            } catch (RuntimeException e) {
                throw ApiException.badRequest("The model's chat template refused the messages: " + e.getMessage(),
                        "messages");
            }
            // the template wrote the control tokens, so their text becomes the tokens here
            ids = tok.encode(rendered, tok.addBosByDefault(), true);
            if (ids.length >= 2 && ids[0] == tok.bosId() && ids[1] == tok.bosId()) {
                ids = Arrays.copyOfRange(ids, 1, ids.length); // the template wrote BOS itself
            }
        } else {
            ids = tok.encode(req.prompt(), tok.addBosByDefault());
        }
        if (ids.length == 0) {
            if (tok.bosId() < 0) {
                throw ApiException.badRequest("The prompt is empty and this model has no BOS token to start from",
                        "prompt");
            }
            ids = new int[] {tok.bosId()};
        }
        int context = served.pool().base().maxSeqLen();
        if (ids.length >= context) {
            throw new ApiException(400, "invalid_request_error", "The prompt is " + ids.length
                    + " tokens; this model's context holds " + context, req.messages() != null ? "messages" : "prompt",
                    "context_length_exceeded");
        }
        return ids;
    }
}
