package dev.modelfactory.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.MergedWeights;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.cpu.CpuBackend;
import dev.modelfactory.engine.generate.SamplerConfig;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.ModelWeights;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.serve.ServeFixtures;
import dev.modelfactory.engine.train.LoraTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-job runner (one base, adapters hot-swapped) against each system alone with merged weights. */
class EvalRunnerTest {

    private static final LlamaConfig C = EvalFixtures.config();

    @TempDir
    Path dir;

    private Backend be;
    private InMemoryWeights base;
    private List<EvalSystem> systems;

    @BeforeEach
    void setUp() {
        be = new CpuBackend(1);
        base = RandomWeights.create(C, 11);
        systems = List.of(EvalSystem.base("base"),
                EvalSystem.adapter("all", ServeFixtures.saved(dir, "all", C, ServeFixtures.all(), 4, 1)),
                EvalSystem.adapter("qvu", ServeFixtures.saved(dir, "qvu", C,
                        EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.UP), 8, 2)));
    }

    @AfterEach
    void tearDown() {
        be.close();
    }

    private EvalResult oneJob(EvalSuite suite, Decoding decoding, int maxBatch) {
        return EvalRunner.builder(EvalFixtures.model("tiny", base), be).maxBatch(maxBatch).build()
                .run(suite, systems, decoding, EvalListener.NONE, () -> false);
    }

    private ModelWeights merged(EvalSystem s) {
        return s.adapter().isEmpty() ? base : new MergedWeights(base, C, PeftAdapter.load(s.adapter().get()));
    }

    @Test
    void oneJobEqualsEachSystemAloneWithMergedWeights() {
        EvalSuite suite = EvalFixtures.suite(5);
        Decoding greedy = Decoding.greedy(10);
        EvalResult r = oneJob(suite, greedy, 4);
        assertThat(r.outcomes()).hasSize(3 * suite.itemCount());
        Map<String, List<String>> outputs = new ConcurrentHashMap<>();
        for (EvalSystem s : systems) {
            EvalModel m = EvalFixtures.model("merged", merged(s));
            try (LlamaModel model = MergedOracle.load(m, be)) {
                MergedOracle oracle = new MergedOracle(model, m.tokenizer(), m.template());
                for (EvalTask t : suite.tasks()) {
                    List<ItemOutcome> got = r.outcomes(s.label(), t.name(), t.items().stream().map(EvalItem::id).toList());
                    for (int i = 0; i < t.items().size(); i++) {
                        EvalItem item = t.items().get(i);
                        ItemOutcome o = got.get(i);
                        switch (t.kind()) {
                            case GENERATION -> {
                                assertThat(o.output()).as(s.label() + " " + item.id())
                                        .isEqualTo(oracle.generate(item, SamplerConfig.greedy(), 10));
                                outputs.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(o.output());
                                assertThat(o.scores()).containsOnlyKeys(t.metrics());
                            }
                            case LOSS -> {
                                assertThat(o.score(Metric.LOSS)).as(s.label() + " " + item.id())
                                        .isCloseTo(oracle.loss(item), within(1e-4));
                                assertThat(o.tokens()).isPositive();
                            }
                            case MULTIPLE_CHOICE -> {
                                assertThat(o.output()).as(s.label() + " " + item.id()).isEqualTo(oracle.choose(item));
                                assertThat(o.score(Metric.CHOICE_ACCURACY))
                                        .isEqualTo(o.output().equals(item.reference()) ? 1.0 : 0.0);
                            }
                        }
                    }
                }
            }
        }
        // the adapters really change what the model says and how it scores the references
        assertThat(outputs.get("all")).isNotEqualTo(outputs.get("base"));
        assertThat(outputs.get("qvu")).isNotEqualTo(outputs.get("base"));
        double baseLoss = r.outcomes().stream().filter(o -> o.system().equals("base") && o.task().equals("held-out"))
                .mapToDouble(o -> o.score(Metric.LOSS)).sum();
        double allLoss = r.outcomes().stream().filter(o -> o.system().equals("all") && o.task().equals("held-out"))
                .mapToDouble(o -> o.score(Metric.LOSS)).sum();
        assertThat(allLoss).isNotCloseTo(baseLoss, within(1e-3));
    }

    @Test
    void sampledDecodingIsReproducibleAndIndependentOfTheBatch() {
        EvalSuite suite = EvalFixtures.suite(4);
        Decoding sampled = new Decoding(8, 0.9, 0.95, 1234);
        EvalResult a = oneJob(suite, sampled, 8);
        EvalResult b = oneJob(suite, sampled, 1);
        // same outputs and scores; losses to 1e-6 only, since the cpu backend's vector reductions may round
        // differently before and after JIT compilation (see EvalRunner)
        assertThat(b.outcomes()).hasSameSizeAs(a.outcomes());
        for (int i = 0; i < a.outcomes().size(); i++) {
            ItemOutcome x = a.outcomes().get(i);
            ItemOutcome y = b.outcomes().get(i);
            assertThat(y.output()).isEqualTo(x.output());
            assertThat(y.scores().keySet()).isEqualTo(x.scores().keySet());
            for (Metric m : x.scores().keySet()) {
                assertThat(y.score(m)).as(x.itemId() + " " + m).isCloseTo(x.score(m), within(1e-6));
            }
        }
        EvalResult other = oneJob(suite, new Decoding(8, 0.9, 0.95, 99), 8);
        assertThat(other.outcomes().stream().map(ItemOutcome::output).toList())
                .isNotEqualTo(a.outcomes().stream().map(ItemOutcome::output).toList());
    }

    @Test
    void reportsProgressPerSystemAndEveryItem() {
        EvalSuite suite = EvalFixtures.suite(2);
        Map<String, Integer> last = new ConcurrentHashMap<>();
        List<ItemOutcome> seen = new ArrayList<>();
        EvalListener listener = new EvalListener() {
            @Override
            public void onProgress(String system, int done, int total) {
                assertThat(total).isEqualTo(suite.itemCount());
                Integer before = last.put(system, done);
                assertThat(done).isGreaterThanOrEqualTo(before == null ? 0 : before);
            }

            @Override
            public void onItem(ItemOutcome outcome) {
                seen.add(outcome);
            }
        };
        EvalResult r = EvalRunner.builder(EvalFixtures.model("tiny", base), be).build()
                .run(suite, systems, Decoding.greedy(4), listener, () -> false);
        assertThat(last).containsExactlyInAnyOrderEntriesOf(Map.of("base", 6, "all", 6, "qvu", 6));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(r.outcomes());
        assertThat(r.systems()).isEqualTo(systems);
        assertThat(r.suite()).isEqualTo("mixed");
        assertThat(r.model()).isEqualTo("tiny");
    }

    @Test
    void cancellationStopsTheJob() {
        EvalSuite suite = EvalFixtures.suite(4);
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger items = new AtomicInteger();
        EvalListener count = new EvalListener() {
            @Override
            public void onProgress(String system, int done, int total) {
            }

            @Override
            public void onItem(ItemOutcome outcome) {
                items.incrementAndGet();
            }
        };
        EvalRunner runner = EvalRunner.builder(EvalFixtures.model("tiny", base), be).build();
        assertThatThrownBy(() -> runner.run(suite, systems, Decoding.greedy(4), count, () -> checks.incrementAndGet() > 5))
                .isInstanceOf(CancellationException.class);
        assertThat(items.get()).isBetween(1, 3 * suite.itemCount() - 1);
        assertThatThrownBy(() -> runner.run(suite, systems, Decoding.greedy(4), count, () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void anAdapterForAnotherBaseIsRefusedNamingItsSystem() {
        LlamaConfig wider = LlamaConfig.builder().dim(48).hiddenDim(48).layers(2).heads(4).kvHeads(2)
                .vocabSize(EvalFixtures.VOCAB).maxSeqLen(64).build();
        Path folder = ServeFixtures.saved(dir, "wide", wider, ServeFixtures.all(), 4, 5);
        List<EvalSystem> bad = List.of(EvalSystem.base("base"), EvalSystem.adapter("wide-one", folder));
        EvalRunner runner = EvalRunner.builder(EvalFixtures.model("tiny", base), be).build();
        assertThatThrownBy(() -> runner.run(EvalFixtures.suite(1), bad, Decoding.greedy(4), EvalListener.NONE, () -> false))
                .isInstanceOf(AdapterException.class).hasMessageContaining("system 'wide-one'")
                .hasMessageContaining(folder.toString());
        assertThatThrownBy(() -> runner.run(EvalFixtures.suite(1), List.of(EvalSystem.base("x"), EvalSystem.base("x")),
                Decoding.greedy(4), EvalListener.NONE, () -> false)).hasMessageContaining("unique");
    }
}
