package dev.modelfactory.studio.provenance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The evidence for one output: influence (top rows and contributor shares), spans found verbatim in rows,
 * and retrieval citations. {@code shares} are what an OutputAttribution record signs (positive shares sum to
 * 10000 basis points, or the list is empty when no row had positive influence); spans and citations are
 * shown as evidence only.
 *
 * @param query     what was asked
 * @param topRows   influence top rows, highest score first
 * @param shares    contributor shares from influence, largest first
 * @param spans     spans of the output found in rows, in output order
 * @param citations retrieval citations for the output, best first
 * @param notes     one line per kind of evidence that is missing or partial, and why
 */
public record ProvenanceView(ProvenanceQuery query, List<EvidenceRow> topRows, List<ContributorShare> shares,
                             List<OutputSpan> spans, List<EvidenceRow> citations, List<String> notes) {

    public ProvenanceView {
        Objects.requireNonNull(query, "query");
        topRows = List.copyOf(topRows);
        shares = List.copyOf(shares);
        spans = List.copyOf(spans);
        citations = List.copyOf(citations);
        notes = List.copyOf(notes);
        int total = shares.stream().mapToInt(ContributorShare::bps).sum();
        if (!shares.isEmpty() && total != 10_000) {
            throw new IllegalArgumentException("contributor shares sum to " + total + " basis points, not 10000");
        }
        for (OutputSpan s : spans) {
            if (s.end() > query.output().length()) {
                throw new IllegalArgumentException("span [" + s.start() + ", " + s.end() + ") is outside the output ("
                        + query.output().length() + " characters)");
            }
        }
    }

    /** The hash a signed record names for the output: sha256 of its UTF-8 text, 64 hex digits. */
    public String outputHash() {
        return outputHash(query.output());
    }

    public static String outputHash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
