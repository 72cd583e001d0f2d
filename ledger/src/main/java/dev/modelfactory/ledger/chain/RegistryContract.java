package dev.modelfactory.ledger.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The ABI of {@code AttributionRegistry.sol}: call encodings, result and event decoding, and the
 * committed creation bytecode. Hand-written rather than generated (web3j's codegen would pull in a
 * build plugin); {@code ContractArtifactsTest} checks the selectors below against the compiled bytecode.
 */
final class RegistryContract {

    /** Resource (next to this class) holding the creation bytecode as hex, compiled from the .sol source. */
    static final String BYTECODE_RESOURCE = "AttributionRegistry.bin";
    /** Resource holding the contract's ABI JSON. */
    static final String ABI_RESOURCE = "AttributionRegistry.abi.json";

    static final String ANCHOR_SIGNATURE = "anchor(bytes32,uint64,uint64,bytes32)";
    static final String LOOKUP_SIGNATURE = "lookup(bytes32)";

    static final Event ANCHORED = new Event("Anchored", List.of(
            new TypeReference<Bytes32>(true) { },
            new TypeReference<Address>(true) { },
            new TypeReference<Bytes32>(true) { },
            new TypeReference<Uint64>() { },
            new TypeReference<Uint64>() { }));

    /** topic0 of {@code Anchored(bytes32,address,bytes32,uint64,uint64)}. */
    static final String ANCHORED_TOPIC = EventEncoder.encode(ANCHORED);

    /** What {@code lookup} returns, before it becomes an {@link AnchorRecord} (block time needs a block fetch). */
    record Lookup(boolean found, String submitter, long blockNumber, long timestamp, long firstEntry, long lastEntry,
            Hash32 workspaceId) {
    }

    private RegistryContract() {
    }

    /** The creation bytecode (constructor + runtime), 0x-hex. */
    static String creationBytecode() {
        return "0x" + resource(BYTECODE_RESOURCE).strip();
    }

    static String resource(String name) {
        try (InputStream in = RegistryContract.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing next to " + RegistryContract.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + name, e);
        }
    }

    static String encodeAnchor(AnchorRequest request) {
        return FunctionEncoder.encode(new Function("anchor", List.of(
                new Bytes32(request.root().bytes()),
                new Uint64(BigInteger.valueOf(request.firstEntry())),
                new Uint64(BigInteger.valueOf(request.lastEntry())),
                new Bytes32(request.workspaceId().bytes())),
                List.of(new TypeReference<Bool>() { })));
    }

    private static final Function LOOKUP_OUTPUTS = new Function("lookup", List.of(), List.of(
            new TypeReference<Bool>() { },
            new TypeReference<Address>() { },
            new TypeReference<Uint64>() { },
            new TypeReference<Uint64>() { },
            new TypeReference<Uint64>() { },
            new TypeReference<Uint64>() { },
            new TypeReference<Bytes32>() { }));

    static String encodeLookup(Hash32 root) {
        return FunctionEncoder.encode(new Function("lookup", List.of(new Bytes32(root.bytes())), List.of()));
    }

    @SuppressWarnings("rawtypes")
    static Lookup decodeLookup(String result) {
        List<Type> v = FunctionReturnDecoder.decode(result, LOOKUP_OUTPUTS.getOutputParameters());
        if (v.size() != 7) {
            throw new ChainException(ChainException.Reason.BAD_INPUT,
                    "the registry's lookup answered " + result + ": not an AttributionRegistry");
        }
        return new Lookup((Boolean) v.get(0).getValue(),
                Keys.toChecksumAddress((String) v.get(1).getValue()),
                ((BigInteger) v.get(2).getValue()).longValueExact(),
                ((BigInteger) v.get(3).getValue()).longValueExact(),
                ((BigInteger) v.get(4).getValue()).longValueExact(),
                ((BigInteger) v.get(5).getValue()).longValueExact(),
                Hash32.of((byte[]) v.get(6).getValue()));
    }

    /** The {@code Anchored} events among a receipt's logs that {@code registry} emitted. */
    @SuppressWarnings("rawtypes")
    static List<AnchoredEvent> anchoredEvents(List<Log> logs, String registry) {
        List<AnchoredEvent> out = new ArrayList<>();
        for (Log log : logs) {
            if (!registry.equalsIgnoreCase(log.getAddress()) || log.getTopics().size() != 4
                    || !ANCHORED_TOPIC.equalsIgnoreCase(log.getTopics().get(0))) {
                continue;
            }
            List<Type> data = FunctionReturnDecoder.decode(log.getData(), ANCHORED.getNonIndexedParameters());
            out.add(new AnchoredEvent(
                    Hash32.parse(log.getTopics().get(1)),
                    Keys.toChecksumAddress("0x" + log.getTopics().get(2).substring(26)),
                    Hash32.parse(log.getTopics().get(3)),
                    ((BigInteger) data.get(0).getValue()).longValueExact(),
                    ((BigInteger) data.get(1).getValue()).longValueExact(),
                    Hash32.parse(log.getTransactionHash()),
                    log.getBlockNumber().longValueExact()));
        }
        return out;
    }

    static Optional<AnchoredEvent> anchoredEvent(List<Log> logs, String registry, Hash32 root) {
        return anchoredEvents(logs, registry).stream().filter(e -> e.root().equals(root)).findFirst();
    }
}
