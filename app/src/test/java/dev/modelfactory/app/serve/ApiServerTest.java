package dev.modelfactory.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.engine.adapter.AdapterTensor;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.generate.TokenDecoder;
import dev.modelfactory.engine.loader.LlamaGguf;
import dev.modelfactory.engine.loader.LoadedModel;
import dev.modelfactory.engine.loader.ModelLoader;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.AdapterPool;
import dev.modelfactory.engine.serve.ServeEngine;
import dev.modelfactory.engine.serve.lora.LoraLayout;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.data.ChatFormat;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server over a random GGUF model and two random PEFT adapters, driven by a real HTTP client. */
class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 2000;

    @TempDir
    static Path dir;

    private static CpuBackend backend;
    private static LoadedModel loaded;
    private static AdapterPool pool;
    private static ServeEngine engine;
    private static ServedModel served;
    private static ApiServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        LlamaConfig c = LlamaConfig.builder().dim(128).hiddenDim(384).layers(4).heads(4).kvHeads(2).vocabSize(320)
                .maxSeqLen(2048).ropeStyle(RopeStyle.INTERLEAVED).ropeTheta(10000f).build();
        Path gguf = dir.resolve("tiny.gguf");
        LlamaGguf.write(gguf, c, RandomWeights.create(c, 42), GgmlType.F32, LlamaGguf.vocabulary(320), "Tiny");
        backend = new CpuBackend(1);
        loaded = ModelLoader.load(gguf, backend, 2048);
        LlamaConfig base = loaded.model().config();
        pool = new AdapterPool(base, 1 << 24);
        pool.register("x", adapter(base, EnumSet.allOf(LoraTarget.class), 4, 1, "x"));
        pool.register("y", adapter(base, EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.UP), 8, 2, "y"));
        engine = ServeEngine.builder(loaded.model(), pool).decoder(loaded.tokenizer()::decode).build();
        served = new ServedModel("Tiny", loaded.tokenizer(), ChatFormat.chatMl().template(), pool, engine);
        server = ApiServer.builder(served).port(0).maxBodyBytes(8192).maxTokensLimit(LIMIT).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
        pool.close();
        loaded.close();
        backend.close();
    }

    /** A random adapter saved as a PEFT folder; B large enough to change the model's tokens. */
    private static Path adapter(LlamaConfig c, EnumSet<LoraTarget> targets, int rank, long seed, String name) {
        SplittableRandom r = new SplittableRandom(seed);
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (int l = 0; l < c.layers(); l++) {
            for (LoraTarget target : targets) {
                int[] outIn = LoraLayout.outIn(LoraLayout.projection(target), c);
                t.put(target.peftKey(l, true), new AdapterTensor(new int[] {rank, outIn[1]}, random(r, rank * outIn[1], 0.4)));
                t.put(target.peftKey(l, false), new AdapterTensor(new int[] {outIn[0], rank}, random(r, outIn[0] * rank, 0.3)));
            }
        }
        Path folder = dir.resolve(name);
        new PeftAdapter(new PeftAdapterConfig(new LoraConfig(targets, rank, 2f * rank, 0f, false), "tiny"), t).save(folder);
        return folder;
    }

    private static float[] random(SplittableRandom r, int n, double bound) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-bound, bound);
        }
        return x;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static JsonNode postOk(String path, String body) throws Exception {
        HttpResponse<String> r = CLIENT.send(post(path, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The data events of a streamed answer, up to and including [DONE] (returned as a text node). */
    private static List<JsonNode> events(String path, String body) throws Exception {
        HttpResponse<String> r = CLIENT.send(post(path, body), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        List<JsonNode> out = new ArrayList<>();
        for (String block : r.body().split("\n\n")) {
            if (block.startsWith("data: ")) {
                String data = block.substring("data: ".length());
                out.add(data.equals("[DONE]") ? JSON.getNodeFactory().textNode(data) : JSON.readTree(data));
            }
        }
        return out;
    }

    private static String chat(String model, boolean stream, int maxTokens, String extra) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":" + maxTokens
                + ",\"temperature\":0.9,\"top_p\":0.95,\"seed\":7,\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"be brief\"},{\"role\":\"user\",\"content\":\"hello world\"}]" + extra + "}";
    }

    @Test
    void modelsListsTheBaseAndTheAdapters() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri("/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(r.body());
        assertThat(list.get("object").asText()).isEqualTo("list");
        assertThat(list.get("data").findValuesAsText("id")).containsExactly("Tiny", "x", "y");
        assertThat(list.get("data").get(1).get("parent").asText()).isEqualTo("Tiny");
    }

    @Test
    void streamedChatForAnAdapterConcatenatesToTheNonStreamedAnswer() throws Exception {
        JsonNode whole = postOk("/v1/chat/completions", chat("x", false, 24, ""));
        JsonNode choice = whole.get("choices").get(0);
        String text = choice.get("message").get("content").asText();
        assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
        int completion = whole.get("usage").get("completion_tokens").asInt();
        assertThat(completion).isBetween(1, 24);
        assertThat(whole.get("usage").get("total_tokens").asInt())
                .isEqualTo(whole.get("usage").get("prompt_tokens").asInt() + completion);
        assertThat(choice.get("finish_reason").asText()).isEqualTo(completion == 24 ? "length" : "stop");

        List<JsonNode> ev = events("/v1/chat/completions", chat("x", true, 24,
                ",\"stream_options\":{\"include_usage\":true}"));
        assertThat(ev.getLast().asText()).isEqualTo("[DONE]");
        ev.removeLast(); // [DONE], put back below
        JsonNode usage = ev.removeLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.get("usage")).isEqualTo(whole.get("usage"));
        ev.add(JSON.getNodeFactory().textNode("[DONE]"));
        assertThat(ev.getFirst().get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        StringBuilder streamed = new StringBuilder();
        for (JsonNode e : ev.subList(0, ev.size() - 1)) {
            assertThat(e.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(e.get("id").asText()).isEqualTo(ev.getFirst().get("id").asText());
            streamed.append(e.get("choices").get(0).get("delta").path("content").asText(""));
        }
        assertThat(streamed.toString()).isEqualTo(text);
        assertThat(ev.get(ev.size() - 2).get("choices").get(0).get("finish_reason").asText())
                .isEqualTo(choice.get("finish_reason").asText());

        String baseText = postOk("/v1/chat/completions", chat("Tiny", false, 24, ""))
                .get("choices").get(0).get("message").get("content").asText();
        assertThat(baseText).as("the adapter changes the answer").isNotEqualTo(text);
    }

    @Test
    void aStopStringCutsStreamedAndWholeAnswersAlike() throws Exception {
        String full = postOk("/v1/completions", "{\"model\":\"y\",\"prompt\":\"the model\",\"max_tokens\":30,"
                + "\"temperature\":0}").get("choices").get(0).get("text").asText();
        assertThat(full.length()).isGreaterThan(8);
        String stop = full.substring(4, 7);
        String expected = full.substring(0, full.indexOf(stop));
        String body = "{\"model\":\"y\",\"prompt\":\"the model\",\"max_tokens\":30,\"temperature\":0,\"stop\":[\""
                + JSON.writeValueAsString(stop).replace("\"", "") + "\"]";
        JsonNode cut = postOk("/v1/completions", body + "}");
        assertThat(cut.get("choices").get(0).get("text").asText()).isEqualTo(expected);
        assertThat(cut.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        StringBuilder streamed = new StringBuilder();
        List<JsonNode> ev = events("/v1/completions", body + ",\"stream\":true}");
        for (JsonNode e : ev.subList(0, ev.size() - 1)) {
            streamed.append(e.get("choices").get(0).get("text").asText());
        }
        assertThat(streamed.toString()).isEqualTo(expected);
    }

    @Test
    void concurrentRequestsForDifferentAdaptersMatchTheirSequentialAnswers() throws Exception {
        String bx = "{\"model\":\"x\",\"prompt\":\"hello\",\"max_tokens\":40,\"temperature\":0.8,\"seed\":3}";
        String by = "{\"model\":\"y\",\"prompt\":\"hello\",\"max_tokens\":40,\"temperature\":0.8,\"seed\":3}";
        String sx = postOk("/v1/completions", bx).get("choices").get(0).get("text").asText();
        String sy = postOk("/v1/completions", by).get("choices").get(0).get("text").asText();
        CompletableFuture<HttpResponse<String>> fx = CLIENT.sendAsync(post("/v1/completions", bx),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> fy = CLIENT.sendAsync(post("/v1/completions", by),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(fx.get().body()).get("choices").get(0).get("text").asText()).isEqualTo(sx);
        assertThat(JSON.readTree(fy.get().body()).get("choices").get(0).get("text").asText()).isEqualTo(sy);
        assertThat(sx).isNotEqualTo(sy);
    }

    private static JsonNode error(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.has("type") && e.has("param") && e.has("code")).isTrue();
        return e;
    }

    @Test
    void badRequestsGetOpenAiErrorObjects() throws Exception {
        JsonNode unknown = error(CLIENT.send(post("/v1/chat/completions", chat("nope", false, 4, "")),
                HttpResponse.BodyHandlers.ofString()), 404);
        assertThat(unknown.get("code").asText()).isEqualTo("model_not_found");
        assertThat(unknown.get("param").asText()).isEqualTo("model");

        String big = chat("x", false, 4, ",\"user\":\"" + "a".repeat(10_000) + "\"");
        assertThat(error(CLIENT.send(post("/v1/chat/completions", big), HttpResponse.BodyHandlers.ofString()), 413)
                .get("code").asText()).isEqualTo("request_too_large");

        assertThat(error(CLIENT.send(post("/v1/completions", "{\"model\":\"x\",\"prompt\":\"a\",\"max_tokens\":"
                + (LIMIT + 1) + "}"), HttpResponse.BodyHandlers.ofString()), 400).get("param").asText())
                .isEqualTo("max_tokens");
        assertThat(error(CLIENT.send(post("/v1/chat/completions", "{\"model\":\"x\"}"),
                HttpResponse.BodyHandlers.ofString()), 400).get("param").asText()).isEqualTo("messages");
        assertThat(error(CLIENT.send(post("/v1/completions", "{not json"), HttpResponse.BodyHandlers.ofString()), 400)
                .get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error(CLIENT.send(post("/v1/completions", "{\"model\":\"x\",\"prompt\":\"a\",\"temperature\":3}"),
                HttpResponse.BodyHandlers.ofString()), 400).get("param").asText()).isEqualTo("temperature");
        error(CLIENT.send(HttpRequest.newBuilder(uri("/v1/nothing")).build(), HttpResponse.BodyHandlers.ofString()), 404);
    }

    @Test
    void anApiKeyIsRequiredOffLoopbackAndCheckedWhenSet() throws Exception {
        assertThatThrownBy(() -> ApiServer.builder(served).host("0.0.0.0").port(0).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("API key");
        try (ApiServer keyed = ApiServer.builder(served).port(0).apiKey("s3cret").start()) {
            URI models = URI.create("http://127.0.0.1:" + keyed.port() + "/v1/models");
            JsonNode e = error(CLIENT.send(HttpRequest.newBuilder(models).build(), HttpResponse.BodyHandlers.ofString()), 401);
            assertThat(e.get("code").asText()).isEqualTo("invalid_api_key");
            error(CLIENT.send(HttpRequest.newBuilder(models).header("Authorization", "Bearer wrong").build(),
                    HttpResponse.BodyHandlers.ofString()), 401);
            HttpResponse<String> ok = CLIENT.send(HttpRequest.newBuilder(models).header("Authorization", "Bearer s3cret")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aClientThatDisconnectsMidStreamCancelsItsGeneration() throws Exception {
        // Its own engine and server, so that the generation cannot end before the disconnect is noticed on any
        // machine: the vocabulary shows no EOS (a random model at temperature 1 samples EOS about once in 320
        // tokens, and which token comes first depends on the CPU's float rounding), and each token takes at
        // least 5 ms, so LIMIT tokens take 10 s or more, against the few writes a dropped connection needs.
        Tokenizer noEos = new NoEosTokenizer(loaded.tokenizer());
        TokenDecoder slow = ids -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return noEos.decode(ids);
        };
        try (ServeEngine slowEngine = ServeEngine.builder(loaded.model(), pool).decoder(slow).build();
                ApiServer slowServer = ApiServer.builder(new ServedModel("Tiny", noEos, ChatFormat.chatMl().template(),
                        pool, slowEngine)).port(0).maxTokensLimit(LIMIT).start()) {
            String body = "{\"model\":\"x\",\"prompt\":\"the\",\"stream\":true,\"max_tokens\":" + LIMIT
                    + ",\"temperature\":1.0,\"seed\":11}";
            URI completions = URI.create("http://127.0.0.1:" + slowServer.port() + "/v1/completions");
            HttpResponse<InputStream> r = CLIENT.send(HttpRequest.newBuilder(completions)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            try (InputStream in = r.body()) {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String first = lines.readLine();
                assertThat(first).startsWith("data: {");
            }
            // wait (not timed: bounded only so a broken build fails instead of hanging) for the engine to drop it
            long deadline = System.nanoTime() + 120_000_000_000L; // two helper builds at load 26 outlasted 30 s
            while ((slowServer.disconnectCancels() == 0 || slowEngine.stats().active() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(slowServer.disconnectCancels()).isEqualTo(1);
            assertThat(slowEngine.stats().active()).isZero();
            assertThat(slowEngine.stats().queued()).isZero();
            assertThat(slowEngine.stats().tokens()).as("stopped before its budget").isLessThan(LIMIT);
        }
    }

    /** The model's tokenizer with its EOS hidden, so only the token budget or a cancel ends a generation. */
    private record NoEosTokenizer(Tokenizer inner) implements Tokenizer {
        @Override
        public int[] encode(String text, boolean addBos, boolean parseSpecial) {
            return inner.encode(text, addBos, parseSpecial);
        }

        @Override
        public String decode(int[] ids) {
            return inner.decode(ids);
        }

        @Override
        public byte[] pieceBytes(int id) {
            return inner.pieceBytes(id);
        }

        @Override
        public int bosId() {
            return inner.bosId();
        }

        @Override
        public int eosId() {
            return -1;
        }

        @Override
        public int vocabSize() {
            return inner.vocabSize();
        }

        @Override
        public boolean addBosByDefault() {
            return inner.addBosByDefault();
        }

        @Override
        public boolean stripsLeadingSpace() {
            return inner.stripsLeadingSpace();
        }
    }
}
