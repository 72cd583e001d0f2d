package dev.modelfactory.app.cli.wallet;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.RootCommand;
import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.wallet.Addresses;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wallet verify-typed-data FILE.json SIG}: who signed it. Needs no workspace and no password. */
@Command(name = "verify-typed-data", mixinStandardHelpOptions = true,
        description = "Recover the address that signed eth_signTypedData_v4 JSON; with --signer, exit 1 unless it is that one.")
public final class WalletVerifyTypedDataCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.json", description = "The typed data.")
    private Path file;

    @Parameters(index = "1", paramLabel = "SIGNATURE", description = "0x + 130 hex digits.")
    private String signature;

    @Option(names = "--signer", paramLabel = "ADDRESS", description = "The address expected to have signed.")
    private String expected;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        TypedData data = WalletSignTypedDataCommand.parse(file);
        Signature sig;
        String want;
        try {
            sig = Signature.parse(signature);
            want = expected == null ? null : Addresses.checksum(expected);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Optional<String> who = sig.recover(data.digest());
        if (who.isEmpty()) {
            throw new BadInputException("the signature does not recover to any address for " + file);
        }
        boolean matches = want == null || want.equals(who.get());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", matches);
        json.put("address", who.get());
        json.put("digest", "0x" + HexFormat.of().formatHex(data.digest()));
        new Output(spec.commandLine().getOut(), root.json()).result(json, who.get());
        if (!matches) {
            spec.commandLine().getErr().println("signed by " + who.get() + ", not by " + want);
            spec.commandLine().getErr().flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
