package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.app.cli.WorkspaceCommands;
import dev.modelfactory.ledger.attribution.DisplayField;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.attribution.TypedDataException;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wallet sign-typed-data FILE.json}: MetaMask's {@code eth_signTypedData_v4}, offline. */
@Command(name = "sign-typed-data", mixinStandardHelpOptions = true,
        description = {"Sign eth_signTypedData_v4 JSON and print the 65-byte signature (0x + 130 hex digits), "
                + "exactly as MetaMask does. The decoded fields are shown on stderr first.",
            "Domains with members other than name, version, chainId and verifyingContract are refused."})
public final class WalletSignTypedDataCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "FILE.json", description = "The typed data.")
    private Path file;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Signing account (default: the only one).")
    private String account;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The account's password.")
    private Path passwordFile;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        TypedData data = parse(file);
        try (Workspace ws = WorkspaceCommands.open(root)) {
            WalletService wallet = WalletCli.wallet(ws, false);
            Account a = WalletCli.account(wallet, account);
            PrintWriter err = spec.commandLine().getErr();
            err.println("Signing " + data.primaryType() + " as " + a.name() + " " + a.address() + ":");
            for (DisplayField f : data.displayFields()) {
                err.printf("  %-32s %-10s %s%n", f.path(), f.type(), f.value());
            }
            err.flush();
            Signer signer = WalletCli.unlock(wallet, a, passwordFile);
            Signature s;
            try {
                s = signer.signTypedData(data);
            } finally {
                wallet.lockAll();
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("signature", s.hex());
            json.put("signer", a.address());
            json.put("digest", "0x" + HexFormat.of().formatHex(data.digest()));
            new Output(spec.commandLine().getOut(), root.json()).result(json, s.hex());
            return ExitCodes.OK;
        }
    }

    static TypedData parse(Path file) {
        try {
            return TypedData.parse(WalletCli.readText(file));
        } catch (TypedDataException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }
}
