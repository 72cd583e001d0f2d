package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.app.wallet.LedgerAnchors;
import dev.modelfactory.app.wallet.WalletTransactionSigner;
import dev.modelfactory.ledger.chain.AnchorRequest;
import dev.modelfactory.ledger.chain.AnchorResult;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.SentTransaction;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.WalletService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ledger anchor --rpc URL --chain-id N (--registry ADDR | --deploy)}: registers the root of every
 * sealed batch not yet anchored, one transaction each, paid and signed by a wallet account. The registry
 * used is remembered per chain id, so later runs may leave out --registry.
 */
@Command(name = "anchor", mixinStandardHelpOptions = true,
        description = "Anchor the sealed batches' Merkle roots in the registry contract on an EVM chain.")
public final class LedgerAnchorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ChainOptions chain;

    static final class Target {
        @Option(names = "--registry", paramLabel = "ADDRESS", description = "The registry contract to anchor in.")
        String registry;

        @Option(names = "--deploy", description = "Deploy a new registry first (paid by the account).")
        boolean deploy;
    }

    @ArgGroup(exclusive = true)
    private Target target;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Paying account (default: the only one).")
    private String account;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The account's password.")
    private Path passwordFile;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            LedgerLog log = AttestSupport.log(ws);
            WalletService wallet = WalletCli.wallet(ws, false);
            Account a = WalletCli.account(wallet, account);
            String registry = target != null && target.registry != null ? target.registry
                    : LedgerAnchors.registry(ws.settings(), chain.chainId).orElse(null);
            boolean deploy = target != null && target.deploy;
            if (registry == null && !deploy) {
                throw new BadInputException("no registry known for chain " + chain.chainId
                        + ": pass --registry ADDRESS, or --deploy to deploy one");
            }
            Map<String, Object> json = new LinkedHashMap<>();
            List<String> lines = new ArrayList<>();
            try (Anchoring anchoring = chain.connect()) {
                WalletTransactionSigner signer = new WalletTransactionSigner(WalletCli.unlock(wallet, a, passwordFile));
                try {
                    if (deploy) {
                        err.println("Deploying a registry on chain " + chain.chainId + " (" + chain.display() + ")...");
                        err.flush();
                        SentTransaction t = anchoring.deployRegistry(signer, CancellationToken.NONE);
                        registry = t.contractAddress();
                        json.put("deployed", t.hash().hex());
                        lines.add("Registry deployed at " + registry + " (transaction " + t.hash() + ")");
                    }
                    LedgerAnchors.rememberRegistry(ws.settings(), chain.chainId, registry);
                    List<AnchorRequest> requests = LedgerAnchors.requests(log, LedgerAnchors.workspaceId(ws.settings()));
                    List<AnchorResult> results = anchoring.anchorAll(registry, signer, requests,
                            (done, total) -> {
                                err.println("Anchored " + done + " of " + total + " batches");
                                err.flush();
                            }, CancellationToken.NONE);
                    List<Map<String, Object>> batches = new ArrayList<>();
                    for (AnchorResult r : results) {
                        batches.add(json(r));
                        lines.add(line(r));
                    }
                    json.put("registry", registry);
                    json.put("chainId", chain.chainId);
                    json.put("batches", batches);
                    if (results.isEmpty()) {
                        lines.add("No sealed batch to anchor (seal one with: ledger batch).");
                    }
                } finally {
                    wallet.lockAll();
                }
            } catch (ChainException e) {
                if (e.reason() == ChainException.Reason.BAD_INPUT) {
                    throw new BadInputException(e.getMessage(), e);
                }
                throw e;
            }
            new Output(spec.commandLine().getOut(), root.json()).result(json, String.join("\n", lines));
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> json(AnchorResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", r.record().root().hex());
        m.put("firstSeq", r.record().firstEntry());
        m.put("lastSeq", r.record().lastEntry());
        m.put("outcome", r.outcome().name().toLowerCase());
        m.put("block", r.record().blockNumber());
        m.put("submitter", r.record().submitter());
        r.transaction().ifPresent(t -> m.put("transaction", t.hash().hex()));
        return m;
    }

    private static String line(AnchorResult r) {
        String what = r.outcome() == AnchorResult.Outcome.ANCHORED ? "anchored" : "already anchored";
        return "Batch " + r.record().firstEntry() + ".." + r.record().lastEntry() + " " + r.record().root() + " "
                + what + " in block " + r.record().blockNumber()
                + r.transaction().map(t -> " (transaction " + t.hash() + ")").orElse("");
    }
}
