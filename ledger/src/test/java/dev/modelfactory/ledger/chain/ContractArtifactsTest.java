package dev.modelfactory.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;

/**
 * The committed ABI and bytecode are what solc 0.8.37 makes of the committed source, and they carry
 * the selectors and event topic the hand-written {@link RegistryContract} encodes.
 */
class ContractArtifactsTest {

    private static final Path SOURCE = Path.of("src", "main", "solidity", "AttributionRegistry.sol");

    private static String selector(String signature) {
        return Hash.sha3String(signature).substring(2, 10);
    }

    @Test
    void committedBytecodeDispatchesTheFunctionsAndEmitsTheEventTheClientEncodes() {
        String bin = RegistryContract.resource(RegistryContract.BYTECODE_RESOURCE).strip();
        // PUSH4 <selector> in the dispatcher, PUSH32 <topic> at the LOG4.
        assertThat(bin).contains("63" + selector(RegistryContract.ANCHOR_SIGNATURE));
        assertThat(bin).contains("63" + selector(RegistryContract.LOOKUP_SIGNATURE));
        assertThat(bin).contains("7f" + RegistryContract.ANCHORED_TOPIC.substring(2));
        assertThat(RegistryContract.ANCHORED_TOPIC)
                .isEqualTo(Hash.sha3String("Anchored(bytes32,address,bytes32,uint64,uint64)"));
        assertThat(RegistryContract.encodeLookup(Hash32.ZERO)).startsWith("0x" + selector("lookup(bytes32)"));
        // solc 0.8.37's version in the CBOR tail, and no metadata hash before it (bytecodeHash none).
        assertThat(bin).endsWith("a164736f6c6343000825000a");
    }

    @Test
    void committedAbiAndBytecodeAreTheCompiledSource(@TempDir Path out) throws Exception {
        Path modules = DevTools.requireNodeModules();
        Process p = new ProcessBuilder(DevTools.node(), DevTools.SCRIPTS.resolve("compile.js").toString(),
                modules.toString(), SOURCE.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("solc 0.8.37");

        for (String name : new String[] {RegistryContract.BYTECODE_RESOURCE, RegistryContract.ABI_RESOURCE}) {
            assertThat(Files.readString(out.resolve(name)))
                    .as("%s is stale: regenerate with node %s <node_modules> %s src/main/resources/dev/modelfactory/ledger/chain",
                            name, DevTools.SCRIPTS.resolve("compile.js"), SOURCE)
                    .isEqualTo(RegistryContract.resource(name));
        }
    }
}
