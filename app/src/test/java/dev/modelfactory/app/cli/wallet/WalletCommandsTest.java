package dev.modelfactory.app.cli.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.ledger.wallet.Addresses;
import dev.modelfactory.ledger.wallet.HdDerivation;
import dev.modelfactory.ledger.wallet.Mnemonic;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wallet commands end to end, with passwords from files and light scrypt (--test-only-light-kdf). */
class WalletCommandsTest {

    static final String MAIL = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
              {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
             "Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},
             "primaryType":"Mail",
             "domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
             "message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                        "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}
            """;
    /** The EIP-712 specification's signature of MAIL by keccak256("cow"), as MetaMask prints it. */
    static final String MAIL_SIGNATURE = "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
            + "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c";
    static final String COW_KEY = "c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4";

    record Run(int code, String out, String err) {
    }

    @TempDir
    Path dir;
    Path ws;
    Path pw;

    @BeforeEach
    void setUp() throws Exception {
        ws = dir.resolve("ws");
        pw = Files.writeString(dir.resolve("pw.txt"), "s3cret pass\n");
    }

    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--workspace", ws.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void signTypedDataPrintsExactlyMetaMasksSignatureAndVerifyRecoversTheSigner() throws Exception {
        Run imported = run("wallet", "import", "--private-key-file", file("cow.key", "0x" + COW_KEY + "\n").toString(),
                "--name", "cow", "--password-file", pw.toString(), "--test-only-light-kdf");
        assertThat(imported.code()).as(imported.err()).isZero();
        Path mail = file("mail.json", MAIL);
        Run signed = run("wallet", "sign-typed-data", mail.toString(), "--password-file", pw.toString());
        assertThat(signed.code()).as(signed.err()).isZero();
        assertThat(signed.out().strip()).isEqualTo(MAIL_SIGNATURE);
        assertThat(signed.err()).contains("message.contents").contains("Hello, Bob!");
        Run json = run("--json", "wallet", "sign-typed-data", mail.toString(), "--password-file", pw.toString());
        assertThat(json.out()).contains("\"signature\" : \"" + MAIL_SIGNATURE + "\"")
                .contains("be609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");

        Run verified = run("wallet", "verify-typed-data", mail.toString(), MAIL_SIGNATURE);
        assertThat(verified.code()).isZero();
        assertThat(verified.out().strip()).isEqualTo("0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
        Run other = run("wallet", "verify-typed-data", mail.toString(), MAIL_SIGNATURE, "--signer",
                "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        assertThat(other.code()).isEqualTo(ExitCodes.FAILED);

        Run wrong = run("wallet", "sign-typed-data", mail.toString(), "--password-file", file("bad.txt", "nope").toString());
        assertThat(wrong.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).contains("wrong password for account cow");

        Path salted = file("salted.json", MAIL.replace("\"chainId\":1,", "\"chainId\":1,\"salt\":\"0x01\","));
        Run refused = run("wallet", "sign-typed-data", salted.toString(), "--password-file", pw.toString());
        assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.err()).contains("salted.json").contains("'salt'");
        assertThat(run("wallet", "verify-typed-data", mail.toString(), "0x1234").code()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void mnemonicImportListAddAndExport() throws Exception {
        Path words = file("words.txt", "test test test test test test test test test test test junk\n");
        Run imported = run("wallet", "import", "--mnemonic-file", words.toString(), "--name", "main", "--accounts", "2",
                "--password-file", pw.toString(), "--test-only-light-kdf");
        assertThat(imported.code()).as(imported.err()).isZero();
        Run added = run("wallet", "add", "third", "--password-file", pw.toString(), "--test-only-light-kdf");
        assertThat(added.code()).as(added.err()).isZero();
        Run list = run("wallet", "list");
        assertThat(list.out()).contains("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")
                .contains("0x70997970C51812dc3A010C7d01b50e0d17dc79C8").contains("main-2")
                .contains("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC").contains("m/44'/60'/0'/0/2");
        Path out = dir.resolve("main.json");
        assertThat(run("wallet", "export", "main", "--out", out.toString()).code()).isZero();
        assertThat(Files.readString(out)).contains("\"version\":3").contains("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
        Run again = run("wallet", "import", "--keystore", out.toString(), "--name", "copy", "--password-file", pw.toString(),
                "--test-only-light-kdf");
        assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(again.err()).contains("already in the wallet as 'main'");
        Run badWords = run("wallet", "import", "--mnemonic-file", file("w2.txt", "test test nope").toString(), "--name", "x",
                "--password-file", pw.toString());
        assertThat(badWords.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badWords.err()).contains("w2.txt");
    }

    @Test
    void createShowsTheMnemonicOnceAndDerivesAccountZero() throws Exception {
        Run created = run("--json", "wallet", "create", "--no-confirm", "--password-file", pw.toString(), "--test-only-light-kdf");
        assertThat(created.code()).as(created.err()).isZero();
        String mnemonic = created.out().replaceAll("(?s).*\"mnemonic\" : \\[(.*?)].*", "$1").replaceAll("[\"\\s]+", " ")
                .replace(",", "").strip();
        Mnemonic m = Mnemonic.parse(mnemonic);
        assertThat(m.size()).isEqualTo(12);
        assertThat(created.out()).contains(Addresses.ofPrivateKey(HdDerivation.privateKey(m.seed(""), 0)));
        assertThat(run("wallet", "create", "--no-confirm", "--password-file", pw.toString()).code())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("wallet", "list").out()).doesNotContain(m.words().get(0) + " " + m.words().get(1));
    }

    @Test
    void noPasswordSourceIsBadInput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(Passwords.ENV) == null);
        Run r = run("wallet", "import", "--private-key-file", file("k", COW_KEY).toString(), "--name", "cow");
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--password-file");
    }
}
