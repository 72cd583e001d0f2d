package dev.modelfactory.ledger.attribution;

import dev.modelfactory.ledger.wallet.Addresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The EIP-712 domain of attribution records: which application and (optionally) which chain and registry
 * contract a signature is meant for. Only the four standard members exist (see {@link TypedData}).
 *
 * @param name              e.g. {@code "ModelFactory Attribution"}
 * @param version           the record schema version, {@code "1"}
 * @param chainId           the chain the registry lives on, if signatures are bound to one
 * @param verifyingContract the registry contract, EIP-55, if bound to one
 */
public record Eip712Domain(Optional<String> name, Optional<String> version, Optional<BigInteger> chainId,
                           Optional<String> verifyingContract) {

    /** The domain of this studio's records when no chain is configured. */
    public static final Eip712Domain ATTRIBUTION = new Eip712Domain(Optional.of("ModelFactory Attribution"),
            Optional.of("1"), Optional.empty(), Optional.empty());

    public Eip712Domain {
        verifyingContract = verifyingContract.map(Addresses::checksum);
        if (chainId.isPresent() && chainId.get().signum() <= 0) {
            throw new IllegalArgumentException("a chain id is positive");
        }
    }

    /** This domain bound to a chain and registry contract. */
    public Eip712Domain onChain(BigInteger chain, String contract) {
        return new Eip712Domain(name, version, Optional.of(chain), Optional.ofNullable(contract));
    }

    /** The {@code EIP712Domain} type: the present members, in the standard order. */
    List<Eip712Field> typeFields() {
        List<Eip712Field> f = new ArrayList<>();
        name.ifPresent(x -> f.add(new Eip712Field("name", "string")));
        version.ifPresent(x -> f.add(new Eip712Field("version", "string")));
        chainId.ifPresent(x -> f.add(new Eip712Field("chainId", "uint256")));
        verifyingContract.ifPresent(x -> f.add(new Eip712Field("verifyingContract", "address")));
        return f;
    }

    ObjectNode toJson() {
        ObjectNode d = TypedData.JSON.createObjectNode();
        name.ifPresent(x -> d.put("name", x));
        version.ifPresent(x -> d.put("version", x));
        chainId.ifPresent(x -> d.put("chainId", x));
        verifyingContract.ifPresent(x -> d.put("verifyingContract", x));
        return d;
    }
}
