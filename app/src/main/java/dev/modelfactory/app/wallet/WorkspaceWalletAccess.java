package dev.modelfactory.app.wallet;

import dev.modelfactory.ledger.chain.Anchoring;
import dev.modelfactory.ledger.chain.ChainException;
import dev.modelfactory.ledger.chain.RpcSettings;
import dev.modelfactory.ledger.store.Settings;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.ScryptParams;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WalletService;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import dev.modelfactory.studio.wallet.BalanceInfo;
import dev.modelfactory.studio.wallet.Network;
import dev.modelfactory.studio.wallet.WalletAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The studio's wallet over the workspace's {@link WalletService}; the RPC endpoint for balances is kept
 * in the workspace settings ({@value #RPC_URL_KEY}, {@value #CHAIN_ID_KEY}). One instance per workspace:
 * the unlocked keys live in its service, shared by the Wallet and Attribution pages.
 */
public final class WorkspaceWalletAccess implements WalletAccess {

    static final String RPC_URL_KEY = "chain.rpc.url";
    static final String CHAIN_ID_KEY = "chain.rpc.chain-id";

    private final WalletService wallet;
    private final Settings settings;
    private final SecureRandom random = new SecureRandom();

    private WorkspaceWalletAccess(WalletService wallet, Settings settings) {
        this.wallet = wallet;
        this.settings = settings;
    }

    /** The workspace's wallet with standard scrypt. */
    public static WorkspaceWalletAccess of(Workspace ws) {
        return new WorkspaceWalletAccess(WalletService.builder(new WalletStore(ws)).kdf(ScryptParams.STANDARD).build(),
                ws.settings());
    }

    /** Over a given service (tests build one with the light KDF and their own idle time). */
    public static WorkspaceWalletAccess of(WalletService wallet, Workspace ws) {
        return new WorkspaceWalletAccess(wallet, ws.settings());
    }

    /** The service behind it (for the attribution adapter's "known" accounts and signers). */
    public WalletService service() {
        return wallet;
    }

    @Override
    public List<Account> accounts() {
        return wallet.accounts();
    }

    @Override
    public boolean hasMnemonic() {
        return wallet.hasMnemonic();
    }

    @Override
    public Mnemonic newMnemonic(int words) {
        return Mnemonic.generate(words, random);
    }

    @Override
    public Account addMnemonic(Mnemonic mnemonic, String accountName, char[] password) {
        return wallet.addMnemonic(mnemonic, List.of(accountName), password).getFirst();
    }

    @Override
    public Account deriveNext(String name, char[] password) throws WrongPasswordException {
        return wallet.deriveNext(name, password);
    }

    @Override
    public Account importPrivateKey(byte[] key, String name, char[] password) {
        return wallet.importPrivateKey(key, name, password);
    }

    @Override
    public Account importKeystore(String json, char[] keystorePassword, String name, char[] password)
            throws WrongPasswordException {
        return wallet.importKeystore(json, keystorePassword, name, password);
    }

    @Override
    public void exportKeystore(String address, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, wallet.exportKeystore(address));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void unlock(String address, char[] password) throws WrongPasswordException {
        wallet.unlock(address, password);
    }

    @Override
    public boolean isUnlocked(String address) {
        return wallet.isUnlocked(address);
    }

    @Override
    public void lock(String address) {
        wallet.lock(address);
    }

    @Override
    public void lockAll() {
        wallet.lockAll();
    }

    @Override
    public int expireIdle() {
        return wallet.expireIdle();
    }

    @Override
    public void touch() {
        wallet.touch();
    }

    @Override
    public Signer signer(String address) {
        return wallet.signer(address);
    }

    @Override
    public BalanceInfo balance(String address) {
        Optional<Network> n = network();
        if (n.isEmpty()) {
            return BalanceInfo.unavailable("no RPC endpoint set (see Network below)");
        }
        try (Anchoring chain = Anchoring.connect(rpc(n.get()))) {
            return BalanceInfo.of(chain.client().balance(address), "chain " + chain.chainId());
        } catch (ChainException e) {
            return BalanceInfo.unavailable("unavailable (" + e.getMessage() + ")");
        }
    }

    /** Settings for a quick read: one try, short timeouts (a page refresh must not hang on a dead node). */
    static RpcSettings rpc(Network n) {
        return RpcSettings.builder(n.rpcUrl(), n.chainId()).maxAttempts(1).httpTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public Optional<Network> network() {
        Optional<String> url = settings.get(RPC_URL_KEY);
        Optional<String> id = settings.get(CHAIN_ID_KEY);
        if (url.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Network(url.get(), Long.parseLong(id.get())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void setNetwork(Network network) {
        try {
            RpcSettings.builder(network.rpcUrl(), network.chainId()).build();
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        settings.put(RPC_URL_KEY, network.rpcUrl());
        settings.put(CHAIN_ID_KEY, Long.toString(network.chainId()));
    }
}
