package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.wallet.LedgerAnchors;
import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.EntryVerification;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.log.VerifyReport;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ledger verify-anchor SEQ --rpc URL --chain-id N}: checks the log up to the entry (its hash still
 * matches its content and chain), then that the entry's Merkle proof leads to a root the registry holds.
 * Exit 0 when verified, 1 otherwise (the reason on the result).
 */
@Command(name = "verify-anchor", mixinStandardHelpOptions = true,
        description = "Verify a ledger entry against the Merkle root anchored on chain.")
public final class LedgerVerifyAnchorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SEQ", description = "The entry's number.")
    private long seq;

    @Mixin
    private ChainOptions chain;

    @Option(names = "--registry", paramLabel = "ADDRESS",
            description = "The registry (default: the one this workspace used on the chain).")
    private String registry;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            LedgerLog log = AttestSupport.log(ws);
            if (log.entry(seq).isEmpty()) {
                throw new BadInputException("SEQ: the log has no entry " + seq + " (it has " + log.size() + ")");
            }
            String reg = registry != null ? registry : LedgerAnchors.registry(ws.settings(), chain.chainId)
                    .orElseThrow(() -> new BadInputException("no registry known for chain " + chain.chainId
                            + ": pass --registry ADDRESS"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("seq", seq);
            VerifyReport local = log.verify(ProgressListener.NONE, CancellationToken.NONE);
            if (local.firstBad().isPresent() && local.firstBad().get().seq() <= seq) {
                VerifyReport.BadEntry bad = local.firstBad().get();
                json.put("status", "log_invalid");
                json.put("detail", "entry " + bad.seq() + " fails: " + String.join("; ", bad.problems()));
                new Output(spec.commandLine().getOut(), root.json()).result(json,
                        "NOT VERIFIED: the local log is broken at entry " + bad.seq() + ": "
                                + String.join("; ", bad.problems()));
                return ExitCodes.FAILED;
            }
            EntryVerification v;
            try (Anchoring anchoring = chain.connect()) {
                v = LedgerAnchors.verifyEntry(log, anchoring, reg, seq);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("SEQ: " + e.getMessage(), e);
            } catch (ChainException e) {
                if (e.reason() == ChainException.Reason.BAD_INPUT) {
                    throw new BadInputException(e.getMessage(), e);
                }
                throw e;
            }
            json.put("status", v.status().name().toLowerCase());
            json.put("detail", v.detail());
            json.put("confirmations", v.confirmations());
            v.anchor().ifPresent(a -> {
                json.put("root", a.root().hex());
                json.put("block", a.blockNumber());
                json.put("submitter", a.submitter());
            });
            new Output(spec.commandLine().getOut(), root.json()).result(json,
                    (v.verified() ? "VERIFIED: " : "NOT VERIFIED: ") + v.detail());
            return v.verified() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }
}
