package dev.modelfactory.studio.provenance;

import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.OutputAttribution;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.TaskExecutor;
import dev.modelfactory.studio.wallet.SignatureRequests;
import dev.modelfactory.studio.wallet.WalletAccess;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Signs an output's attribution: builds the OutputAttribution record (output hash = sha256 of the output's
 * UTF-8 text, adapter = the adapter's content hash, the influence shares in basis points), asks the wallet's
 * signing dialog, stores the signed record in the ledger and verifies it offline (signature recovers to the
 * attester, who is one of this wallet's accounts).
 */
final class OutputSigning {

    /** What happened, for the page to show. */
    record Outcome(SignedRecord record, Verification verification) {
    }

    private final ProvenanceBackend backend;
    private final WalletAccess wallet;
    private final TaskExecutor executor;
    private final SignatureRequests signing;

    OutputSigning(ProvenanceBackend backend, WalletAccess wallet, TaskExecutor executor, SignatureRequests signing) {
        this.backend = backend;
        this.wallet = wallet;
        this.executor = executor;
        this.signing = signing;
    }

    /** The record for {@code view}, attested by {@code attester}; fails when there is no positive share. */
    static TypedData record(ProvenanceView view, String attester) {
        List<OutputAttribution.Share> shares = view.shares().stream().filter(s -> s.bps() > 0)
                .map(s -> new OutputAttribution.Share(s.contributor(), s.bps())).toList();
        if (shares.isEmpty()) {
            throw new IllegalStateException("no contributor has a positive share: there is nothing to sign");
        }
        return new OutputAttribution(view.outputHash(), view.query().adapter().hash(), shares, attester)
                .toTypedData(Eip712Domain.ATTRIBUTION);
    }

    /**
     * Shows the dialog; on Sign stores and verifies the record in the background, then calls {@code done} on
     * the FX thread. {@code cancelled} runs when the user cancelled (nothing stored).
     */
    void sign(ProvenanceView view, Account attester, Consumer<Outcome> done, Runnable cancelled,
            Consumer<Throwable> failed) {
        TypedData data;
        try {
            data = record(view, attester.address());
        } catch (RuntimeException e) {
            failed.accept(e);
            return;
        }
        signing.request(data, attester.address(), signature -> {
            if (signature.isEmpty()) {
                cancelled.run();
                return;
            }
            SignedRecord signed = new SignedRecord(data, signature.get(), attester.address());
            BackgroundTask.of("Storing the output's attribution", ctx -> {
                backend.store(signed);
                Set<String> known = wallet.accounts().stream().map(a -> a.address().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toSet());
                return new Outcome(signed, signed.verify(a -> known.contains(a.toLowerCase(Locale.ROOT))));
            }).onSuccess(done).onFailure(failed).runOn(executor);
        });
    }
}
