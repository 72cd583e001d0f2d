package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.log.VerifyReport;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ledger verify}: walk the chain; exit 1 at the first bad entry. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Recompute every entry's hash, signature and link; report the first entry that is wrong (exit 1).")
public final class LedgerVerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        PrintWriter err = spec.commandLine().getErr();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            VerifyReport r = AttestSupport.log(ws).verify((done, total) -> {
                err.printf("verified %d of %d entries%n", done, total);
                err.flush();
            }, CancellationToken.NONE);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ok", r.ok());
            json.put("checked", r.checked());
            r.firstBad().ifPresent(b -> {
                json.put("firstBadSeq", b.seq());
                json.put("problems", b.problems());
            });
            String text = r.firstBad().map(b -> "Entry " + b.seq() + " is wrong:\n  " + String.join("\n  ", b.problems()))
                    .orElse("All " + r.checked() + " entries verify: content, signatures and links are intact.");
            new Output(spec.commandLine().getOut(), root.json()).result(json, text);
            return r.ok() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

}
