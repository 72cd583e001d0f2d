package dev.modelfactory.studio.playground;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A grounded answer and its evidence: the sources the prompt carried and which of them the answer cited.
 * Cited rows' contributors are the ones credited (what an attribution of this answer starts from).
 *
 * @param versionRoot the dataset version the sources came from
 * @param question    the user's question as typed
 * @param answer      the model's answer
 * @param sources     the sources in the prompt, numbered 1..n in rank order
 * @param cited       the source numbers the answer cites, ascending
 */
public record GroundedAnswer(String versionRoot, String question, String answer, List<GroundingSource> sources,
                             List<Integer> cited) {

    public GroundedAnswer {
        Objects.requireNonNull(versionRoot, "versionRoot");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        sources = List.copyOf(sources);
        cited = List.copyOf(cited);
    }

    /** The answer with its citations parsed from the text. */
    public static GroundedAnswer of(String versionRoot, String question, String answer, List<GroundingSource> sources) {
        return new GroundedAnswer(versionRoot, question, answer, sources,
                List.copyOf(CitationMarkers.cited(answer, sources.size())));
    }

    public boolean isCited(GroundingSource source) {
        return cited.contains(source.number());
    }

    /** The sources the answer cites, in number order. */
    public List<GroundingSource> citedSources() {
        List<GroundingSource> out = new ArrayList<>();
        for (GroundingSource s : sources) {
            if (isCited(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The distinct contributors of the cited rows, in source order; rows with no contributor are skipped. */
    public List<String> creditedContributors() {
        Set<String> out = new LinkedHashSet<>();
        for (GroundingSource s : citedSources()) {
            if (!s.contributor().isBlank()) {
                out.add(s.contributor());
            }
        }
        return List.copyOf(out);
    }
}
