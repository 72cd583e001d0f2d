package dev.modelfactory.app.attribution;

import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.ledger.attribution.OutputAttribution;
import java.util.List;

/**
 * The gradient-influence attribution of one output of one adapter.
 *
 * @param adapter     the adapter's content hash (sha256 hex)
 * @param runId       the run that trained it
 * @param generated   true when the output was generated here (greedy, with the adapter), false when given
 * @param method      how rows were scored
 * @param rows        the top rows, highest score first
 * @param shares      per-contributor shares of the positive influence, largest first, summing to 10000 bps
 *                    (empty when no row had positive influence)
 * @param checkpoints the checkpoint steps whose gradients were used
 * @param rowsScored  how many training rows were scored
 * @param seconds     wall time of the whole attribution
 */
public record InfluenceResult(String adapter, long runId, String prompt, String output, boolean generated,
        InfluenceMethod method, List<InfluenceRow> rows, List<InfluenceShare> shares, List<Integer> checkpoints,
        int rowsScored, double seconds) {

    public InfluenceResult {
        rows = List.copyOf(rows);
        shares = List.copyOf(shares);
        checkpoints = List.copyOf(checkpoints);
    }

    /** The shares as an {@link OutputAttribution}'s contributors list. */
    public List<OutputAttribution.Share> ledgerShares() {
        return shares.stream().map(InfluenceShare::toLedger).toList();
    }
}
