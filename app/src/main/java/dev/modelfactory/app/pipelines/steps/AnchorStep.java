package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.app.wallet.LedgerAnchors;
import dev.modelfactory.app.wallet.WalletTransactionSigner;
import dev.modelfactory.ledger.chain.AnchorRequest;
import dev.modelfactory.ledger.chain.AnchorResult;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.RpcSettings;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.WalletService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code anchor} (optional, needs a reachable chain): seals the ledger entries not yet in a batch and anchors
 * every sealed batch's Merkle root in the registry contract on {@code rpc} / {@code chain_id}, paid by the
 * wallet account, as {@code ledger anchor} does. Output {@code transactions}: the transaction hashes.
 */
final class AnchorStep implements Step {

    @Override
    public StepResult run(StepContext ctx) {
        long chainId = ctx.integer("chain_id", 0);
        String registry = ctx.text("registry").or(() -> LedgerAnchors.registry(ctx.workspace().settings(), chainId))
                .orElseThrow(() -> new StepFailedException(ctx.field("registry") + ": no registry known for chain "
                        + chainId + " (deploy one with ledger anchor --deploy, or give its address)"));
        LedgerLog log = new LedgerLog(new LogStore(ctx.workspace()), Clock.systemUTC());
        log.sealBatch().ifPresent(b -> ctx.log("sealed batch " + b.firstSeq() + ".." + b.lastSeq()));
        WalletService wallet = ctx.wallet();
        Account account = Unlocking.account(ctx, wallet);
        List<String> hashes = new ArrayList<>();
        RpcSettings settings;
        try {
            settings = RpcSettings.builder(ctx.requiredText("rpc"), chainId).build();
        } catch (ChainException e) {
            throw new StepFailedException(ctx.field("rpc") + ": " + e.getMessage(), e);
        }
        try (Anchoring chain = Anchoring.connect(settings)) {
            WalletTransactionSigner signer = new WalletTransactionSigner(Unlocking.unlock(ctx, wallet, account));
            try {
                List<AnchorRequest> requests = LedgerAnchors.requests(log, LedgerAnchors.workspaceId(
                        ctx.workspace().settings()));
                for (AnchorResult r : chain.anchorAll(registry, signer, requests, (d, t) -> { }, ctx.cancel())) {
                    ctx.log("batch " + r.record().firstEntry() + ".." + r.record().lastEntry() + " "
                            + r.outcome().name().toLowerCase() + " in block " + r.record().blockNumber());
                    r.transaction().ifPresent(t -> hashes.add(t.hash().hex()));
                }
            } finally {
                wallet.lockAll();
            }
        } catch (ChainException e) {
            throw new StepFailedException("anchoring on chain " + chainId + " failed: " + e.getMessage(), e);
        }
        String ref = String.join(",", hashes);
        return StepResult.done(hashes.size() + " batches anchored", new OutputRef("transactions", OutputKind.ANCHOR,
                ref.isEmpty() ? "(nothing new to anchor)" : ref, Hashes.of("anchor", ctx.inputsHash(), ref),
                hashes.size() + " transactions"));
    }
}
