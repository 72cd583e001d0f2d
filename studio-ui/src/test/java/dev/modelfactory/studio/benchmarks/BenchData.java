package dev.modelfactory.studio.benchmarks;

import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test data (test scope only): a hand-made suite of two tasks and a hand-made result of three systems, with
 * scores worked out by hand. Capitals (exact match, token F1; 8 items): the geo adapter gets c2, c3, c4, c8
 * right where the base is wrong, the base gets c6 right where geo is wrong, everyone misses c5. Sentiment
 * (multiple choice, 4 items): the tone adapter is right on all, the others on s1 and s2.
 */
public final class BenchData {

    public static final String SUITE = "starter-eval";
    public static final String MODEL = "starter-base";
    public static final List<String> SYSTEMS = List.of("base", "geo", "tone");

    /** id, prompt, reference, tag, base output, geo output, tone output. */
    static final String[][] CAPITALS = {
        {"c1", "Capital of France?", "Paris", "europe", "Paris", "Paris", "Paris"},
        {"c2", "Capital of Japan?", "Tokyo", "asia", "Kyoto", "Tokyo", "Kyoto"},
        {"c3", "Capital of Italy?", "Rome", "europe", "Milan", "Rome", "Milan"},
        {"c4", "Capital of Canada?", "Ottawa", "americas", "Toronto", "Ottawa", "Toronto"},
        {"c5", "Capital of Australia?", "Canberra", "oceania", "Sydney", "Sydney", "Sydney"},
        {"c6", "Capital of Spain?", "Madrid", "europe", "Madrid", "Barcelona", "Madrid"},
        {"c7", "Capital of Germany?", "Berlin", "europe", "Berlin", "Berlin", "Berlin"},
        {"c8", "Capital of Egypt?", "Cairo", "africa", "The capital is Cairo", "Cairo", "The capital is Cairo"},
    };

    /** Token F1 of "The capital is Cairo" against "Cairo": precision 1/4, recall 1, F1 0.4. */
    static final double F1_C8_BASE = 0.4;

    private BenchData() {
    }

    public static EvalSuite suite() {
        return suite(CAPITALS[0][1]);
    }

    /** The suite, the first prompt replaced (for hostile-text tests). */
    public static EvalSuite suite(String firstPrompt) {
        List<EvalItem> capitals = new ArrayList<>();
        for (String[] r : CAPITALS) {
            String prompt = r[0].equals("c1") ? firstPrompt : r[1];
            capitals.add(new EvalItem(r[0], List.of(new ChatTemplate.Message("user", prompt)), r[2], List.of(), -1,
                    List.of(r[3]), "row:" + r[0]));
        }
        List<EvalItem> sentiment = new ArrayList<>();
        String[] texts = {"I loved it", "What a great day", "This is awful", "Never again"};
        for (int i = 0; i < 4; i++) {
            int answer = i < 2 ? 0 : 1;
            sentiment.add(new EvalItem("s" + (i + 1), List.of(new ChatTemplate.Message("user", texts[i])),
                    answer == 0 ? "positive" : "negative", List.of("positive", "negative"), answer, List.of("tone"),
                    ""));
        }
        return new EvalSuite(SUITE, 1, "capitals and sentiment", List.of(
                new EvalTask("capitals", TaskKind.GENERATION, List.of(Metric.EXACT_MATCH, Metric.TOKEN_F1), null,
                        null, capitals),
                new EvalTask("sentiment", TaskKind.MULTIPLE_CHOICE, List.of(Metric.CHOICE_ACCURACY), null, null,
                        sentiment)));
    }

    public static EvalResult result() {
        return result(SYSTEMS, CAPITALS[0][6]);
    }

    /** The result of {@code systems} (a subset of base, geo, tone, in that order); c1's tone output replaced. */
    public static EvalResult result(List<String> systems, String toneOnC1) {
        List<EvalSystem> sys = systems.stream().map(s -> s.equals("base") ? EvalSystem.base(s)
                : EvalSystem.adapter(s, Path.of("/adapters/" + s))).toList();
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (String system : systems) {
            int column = 4 + SYSTEMS.indexOf(system);
            for (String[] r : CAPITALS) {
                String out = system.equals("tone") && r[0].equals("c1") ? toneOnC1 : r[column];
                double em = out.equals(r[2]) ? 1 : 0;
                double f1 = em == 1 ? 1 : out.endsWith(" " + r[2]) ? F1_C8_BASE : 0;
                outcomes.add(new ItemOutcome(system, "capitals", r[0], out,
                        Map.of(Metric.EXACT_MATCH, em, Metric.TOKEN_F1, f1), 0));
            }
            for (int i = 0; i < 4; i++) {
                boolean right = system.equals("tone") || i < 2;
                String reference = i < 2 ? "positive" : "negative";
                String other = i < 2 ? "negative" : "positive";
                outcomes.add(new ItemOutcome(system, "sentiment", "s" + (i + 1), right ? reference : other,
                        Map.of(Metric.CHOICE_ACCURACY, right ? 1.0 : 0.0), 0));
            }
        }
        return new EvalResult(SUITE, 1, MODEL, Decoding.greedy(64), sys, outcomes);
    }

    /**
     * Base and geo only; on capitals geo answers every item right and the base none ("I do not know"), so the
     * paired difference is 1 on every item and its interval [1, 1]: significant whatever the resampling.
     */
    public static EvalResult decisive() {
        EvalResult r = result(List.of("base", "geo"), "Paris");
        Map<String, String> reference = new java.util.HashMap<>();
        for (String[] c : CAPITALS) {
            reference.put(c[0], c[2]);
        }
        List<ItemOutcome> outcomes = r.outcomes().stream().map(o -> {
            if (!o.task().equals("capitals")) {
                return o;
            }
            boolean geo = o.system().equals("geo");
            double s = geo ? 1.0 : 0.0;
            return new ItemOutcome(o.system(), o.task(), o.itemId(), geo ? reference.get(o.itemId()) : "I do not know",
                    Map.of(Metric.EXACT_MATCH, s, Metric.TOKEN_F1, s), 0);
        }).toList();
        return new EvalResult(r.suite(), r.suiteVersion(), r.model(), r.decoding(), r.systems(), outcomes);
    }
}
