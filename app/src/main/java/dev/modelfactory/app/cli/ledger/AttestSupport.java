package dev.modelfactory.app.cli.ledger;

import dev.modelfactory.app.cli.BadInputException;
import dev.modelfactory.app.cli.Output;
import dev.modelfactory.app.cli.wallet.WalletCli;
import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.Eip712Domain;
import dev.modelfactory.ledger.attribution.SignedRecord;
import dev.modelfactory.ledger.attribution.TypedData;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.log.StoredEntry;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** Options and steps every {@code attest} command shares: account, password, domain; sign, append, report. */
public final class AttestSupport {

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Signing account (default: the only one).")
    String account;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The account's password.")
    Path passwordFile;

    @Option(names = "--chain-id", paramLabel = "N", description = "Bind the signatures to this chain id (EIP-712 domain).")
    BigInteger chainId;

    @Option(names = "--verifying-contract", paramLabel = "ADDRESS", description = "With --chain-id: the registry contract.")
    String verifyingContract;

    /** The log of a workspace, on the system clock. */
    static LedgerLog log(Workspace ws) {
        return new LedgerLog(new LogStore(ws), Clock.systemUTC());
    }

    private Eip712Domain domain() {
        if (chainId == null) {
            if (verifyingContract != null) {
                throw new BadInputException("--verifying-contract needs --chain-id");
            }
            return Eip712Domain.ATTRIBUTION;
        }
        try {
            return Eip712Domain.ATTRIBUTION.onChain(chainId, verifyingContract);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /**
     * Unlocks the account, builds the records for its address, signs them all and appends them in one
     * transaction, then prints what was appended.
     */
    int run(Workspace ws, Function<String, List<AttributionRecord>> recordsFor, Output out, java.io.PrintWriter err) {
        WalletService wallet = WalletCli.wallet(ws, false);
        Account a = WalletCli.account(wallet, account);
        List<AttributionRecord> records;
        try {
            records = recordsFor.apply(a.address());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        Eip712Domain domain = domain();
        for (AttributionRecord r : records) {
            err.println("Signing " + r.primaryType() + ":");
            r.toTypedData(domain).displayFields().forEach(f -> err.printf("  %-32s %s%n", f.path(), f.value()));
        }
        err.flush();
        Signer signer = WalletCli.unlock(wallet, a, passwordFile);
        List<SignedRecord> signed = new ArrayList<>();
        try {
            for (AttributionRecord r : records) {
                TypedData data = r.toTypedData(domain);
                signed.add(new SignedRecord(data, signer.signTypedData(data), a.address()));
            }
        } finally {
            wallet.lockAll();
        }
        List<StoredEntry> entries = log(ws).append(signed);
        StringBuilder text = new StringBuilder("Appended " + entries.size() + " record(s) signed by " + a.name() + ":");
        List<Map<String, Object>> json = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            StoredEntry e = entries.get(i);
            text.append(String.format("%n  #%d %-18s id %s", e.seq(), e.recordType(), signed.get(i).id()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("recordType", e.recordType());
            m.put("id", signed.get(i).id());
            m.put("entryHash", e.entryHash());
            m.put("signer", e.signer());
            json.add(m);
        }
        out.result(json, text.toString());
        return 0;
    }
}
