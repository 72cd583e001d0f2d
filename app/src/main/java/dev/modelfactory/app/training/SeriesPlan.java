package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.data.EncodedData;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss series a run keeps and which of them each training and validation example feeds: one per
 * contributor for the {@value #MAX_CONTRIBUTORS} contributors with the most training examples (ties by
 * name), the rest (and contributors with validation rows only) pooled as {@link RunSeries#OTHERS}, plus one per tracked tag (an example feeds each tracked
 * tag its row has). {@code trainMembers[e]} / {@code evalMembers[e]} are indices into {@code series}.
 */
record SeriesPlan(List<RunSeries> series, int[][] trainMembers, int[][] evalMembers) {

    static final int MAX_CONTRIBUTORS = 12;
    static final int MAX_TAGS = 12;

    /**
     * @param trainRows rows parallel to the conversations {@code train} was encoded from (and so for the tags
     *                  and the validation side); examples find theirs through {@link EncodedData#source}
     */
    static SeriesPlan of(EncodedData train, List<RowRef> trainRows, List<List<String>> trainTags, EncodedData eval,
            List<RowRef> evalRows, List<List<String>> evalTags, List<String> trackTags) {
        Map<String, long[]> counts = new HashMap<>();
        for (int e = 0; e < train.examples().size(); e++) {
            counts.computeIfAbsent(key(trainRows.get(train.source(e))), k -> new long[2])[0]++;
        }
        for (int e = 0; e < eval.examples().size(); e++) {
            counts.computeIfAbsent(key(evalRows.get(eval.source(e))), k -> new long[2])[1]++;
        }
        List<String> byRows = new ArrayList<>(counts.keySet());
        byRows.sort(Comparator.<String>comparingLong(k -> -counts.get(k)[0]).thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> index = new LinkedHashMap<>();
        List<RunSeries> series = new ArrayList<>();
        long[] others = new long[2];
        boolean pooled = false;
        for (String k : byRows) {
            long[] c = counts.get(k);
            if (series.size() < MAX_CONTRIBUTORS && c[0] > 0) {
                index.put(k, series.size());
                series.add(new RunSeries(SeriesKind.CONTRIBUTOR, k, c[0], c[1]));
            } else {
                others[0] += c[0];
                others[1] += c[1];
                pooled = true;
            }
        }
        int othersAt = -1;
        if (pooled) {
            othersAt = series.size();
            series.add(new RunSeries(SeriesKind.CONTRIBUTOR, RunSeries.OTHERS, others[0], others[1]));
        }
        int tagsAt = series.size();
        for (String t : trackTags) {
            series.add(new RunSeries(SeriesKind.TAG, t, count(train, trainTags, t), count(eval, evalTags, t)));
        }
        int[][] trainMembers = members(train, trainRows, trainTags, trackTags, index, othersAt, tagsAt);
        int[][] evalMembers = members(eval, evalRows, evalTags, trackTags, index, othersAt, tagsAt);
        return new SeriesPlan(List.copyOf(series), trainMembers, evalMembers);
    }

    /** The series key of a row's contributor. */
    static String key(RowRef row) {
        return row.contributor().isEmpty() ? RunSeries.NO_CONTRIBUTOR : row.contributor();
    }

    private static long count(EncodedData data, List<List<String>> tags, String tag) {
        long n = 0;
        for (int e = 0; e < data.examples().size(); e++) {
            if (tags.get(data.source(e)).contains(tag)) {
                n++;
            }
        }
        return n;
    }

    private static int[][] members(EncodedData data, List<RowRef> rows, List<List<String>> tags, List<String> trackTags,
            Map<String, Integer> index, int othersAt, int tagsAt) {
        int[][] out = new int[data.examples().size()][];
        for (int e = 0; e < out.length; e++) {
            int src = data.source(e);
            List<Integer> m = new ArrayList<>();
            m.add(index.getOrDefault(key(rows.get(src)), othersAt));
            for (int t = 0; t < trackTags.size(); t++) {
                if (tags.get(src).contains(trackTags.get(t))) {
                    m.add(tagsAt + t);
                }
            }
            out[e] = m.stream().mapToInt(Integer::intValue).filter(i -> i >= 0).toArray();
        }
        return out;
    }
}
