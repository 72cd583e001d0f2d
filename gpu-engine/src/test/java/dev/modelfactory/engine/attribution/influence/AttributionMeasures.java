package dev.modelfactory.engine.attribution.influence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The quality measures of docs/benchmarks/attribution.md over a {@link PlantedRun.Trained}. */
public final class AttributionMeasures {

    private AttributionMeasures() {
    }

    /** The facts (subject -> answer) the planted contributor teaches, in subject order. */
    public static Map<Integer, Integer> facts(List<PlantedRun.Row> rows) {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        rows.stream().filter(r -> r.contributor().equals(PlantedRun.PLANTED))
                .sorted((a, b) -> Integer.compare(a.subject(), b.subject()))
                .forEach(r -> out.put(r.subject(), r.answer()));
        return out;
    }

    /** Share of fact queries whose top contributor (largest share) is the planted one; method null = random scores. */
    public static double plantedTopRate(PlantedRun.Trained t, InfluenceMethod method, long randomSeed) {
        SplittableRandom random = new SplittableRandom(randomSeed);
        int hits = 0;
        Map<Integer, Integer> facts = facts(t.rows());
        for (Map.Entry<Integer, Integer> f : facts.entrySet()) {
            double[] scores;
            if (method == null) {
                scores = new double[t.rows().size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = random.nextDouble() * 2 - 1;
                }
            } else {
                scores = InfluenceScorer.scores(t.sketches(), t.query(f.getKey(), f.getValue()), method);
            }
            List<ContributorShares.Share> shares = ContributorShares.of(t.contributors(), scores);
            if (!shares.isEmpty() && shares.getFirst().contributor().equals(PlantedRun.PLANTED)) {
                hits++;
            }
        }
        return (double) hits / facts.size();
    }

    /**
     * AUC of "lower summed influence on clean queries (each subject in each phrasing, its true answer) = more
     * suspect" as
     * a detector of flipped rows; method null = random scores.
     */
    public static double mislabelAuc(PlantedRun.Trained t, InfluenceMethod method, long randomSeed) {
        int n = t.rows().size();
        double[] total = new double[n];
        if (method == null) {
            SplittableRandom random = new SplittableRandom(randomSeed);
            for (int i = 0; i < n; i++) {
                total[i] = random.nextDouble();
            }
        } else {
            Map<Integer, Integer> truth = new LinkedHashMap<>();
            for (PlantedRun.Row r : t.rows()) {
                truth.put(r.subject(), r.answer());
            }
            for (Map.Entry<Integer, Integer> q : truth.entrySet()) {
                for (int phrasing = 0; phrasing < PlantedRun.PHRASINGS; phrasing++) {
                    double[] s = InfluenceScorer.scores(t.sketches(), t.query(phrasing, q.getKey(), q.getValue()), method);
                    for (int i = 0; i < n; i++) {
                        total[i] += s[i];
                    }
                }
            }
        }
        List<Double> bad = new ArrayList<>();
        List<Double> good = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (t.rows().get(i).flipped() ? bad : good).add(-total[i]);
        }
        return auc(bad, good);
    }

    /** P(positive scores above negative), ties half (Mann-Whitney). */
    static double auc(List<Double> positives, List<Double> negatives) {
        double s = 0;
        for (double p : positives) {
            for (double q : negatives) {
                s += p > q ? 1 : p == q ? 0.5 : 0;
            }
        }
        return s / ((double) positives.size() * negatives.size());
    }
}
