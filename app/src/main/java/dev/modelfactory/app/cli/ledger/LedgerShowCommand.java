package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.ledger.attribution.DisplayField;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.TypedDataException;
import dev.modelfactory.ledger.attribution.Verification;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.StoredEntry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ledger show SEQ}: one entry, decoded. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one log entry: its decoded fields and verification.")
public final class LedgerShowCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SEQ", description = "The entry's number.")
    private long seq;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        try (Workspace ws = WorkspaceCommands.open(root)) {
            StoredEntry e = AttestSupport.log(ws).entry(seq).orElseThrow(() -> new BadInputException("no ledger entry " + seq));
            Verification v = LedgerText.verify(e, WalletCli.known(WalletCli.wallet(ws, false)));
            Map<String, Object> json = new LinkedHashMap<>(LedgerText.json(e, v));
            StringBuilder text = new StringBuilder(String.format("#%d %s  %s%n", e.seq(), e.recordType(), LedgerText.badge(v)));
            text.append(String.format("  %-32s %s%n  %-32s %s%n", "signer", e.signer(), "entry hash", e.entryHash()));
            try {
                TypedData data = TypedData.parse(e.typedData());
                Map<String, String> fields = new LinkedHashMap<>();
                for (DisplayField f : data.displayFields()) {
                    fields.put(f.path(), f.value());
                    text.append(String.format("  %-32s %s%n", f.path(), f.value()));
                }
                json.put("fields", fields);
                json.put("id", "0x" + java.util.HexFormat.of().formatHex(data.digest()));
            } catch (TypedDataException ex) {
                text.append("  (the typed data cannot be read: ").append(ex.getMessage()).append(")\n");
            }
            json.put("typedData", e.typedData());
            text.append("  ").append(v.reason());
            new Output(spec.commandLine().getOut(), root.json()).result(json, text.toString());
            return ExitCodes.OK;
        }
    }
}
