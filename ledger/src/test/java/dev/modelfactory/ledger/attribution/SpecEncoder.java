package dev.modelfactory.ledger.attribution;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * An independent, deliberately plain EIP-712 encoder written from the specification, for the types the
 * records use (string, address, bytes32, uintN, arrays of those and of structs). Tests compare web3j's digest
 * (which the wallet uses) with this one.
 */
final class SpecEncoder {

    private final Map<String, List<Eip712Field>> types;

    SpecEncoder(Map<String, List<Eip712Field>> types) {
        this.types = types;
    }

    byte[] digest(JsonNode domain, String primary, JsonNode message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x19, 0x01});
        out.writeBytes(hashStruct("EIP712Domain", domain));
        out.writeBytes(hashStruct(primary, message));
        return Hash.sha3(out.toByteArray());
    }

    byte[] hashStruct(String type, JsonNode value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Hash.sha3(encodeType(type).getBytes(StandardCharsets.UTF_8)));
        for (Eip712Field f : types.get(type)) {
            out.writeBytes(encodeValue(f.type(), value.path(f.name())));
        }
        return Hash.sha3(out.toByteArray());
    }

    String encodeType(String primary) {
        TreeSet<String> deps = new TreeSet<>();
        collect(primary, deps);
        deps.remove(primary);
        StringBuilder b = new StringBuilder(one(primary));
        deps.forEach(d -> b.append(one(d)));
        return b.toString();
    }

    private void collect(String type, TreeSet<String> deps) {
        String base = type.replaceAll("\\[\\d*]$", "");
        if (!types.containsKey(base) || !deps.add(base)) {
            return;
        }
        types.get(base).forEach(f -> collect(f.type(), deps));
    }

    private String one(String type) {
        StringBuilder b = new StringBuilder(type).append('(');
        List<Eip712Field> fields = types.get(type);
        for (int i = 0; i < fields.size(); i++) {
            b.append(i == 0 ? "" : ",").append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        return b.append(')').toString();
    }

    private byte[] encodeValue(String type, JsonNode v) {
        if (type.endsWith("[]")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (JsonNode e : v) {
                out.writeBytes(encodeValue(type.substring(0, type.length() - 2), e));
            }
            return Hash.sha3(out.toByteArray());
        }
        if (types.containsKey(type)) {
            return hashStruct(type, v);
        }
        if (type.equals("string")) {
            return Hash.sha3(v.stringValue().getBytes(StandardCharsets.UTF_8));
        }
        if (type.equals("bytes32")) {
            return HexFormat.of().parseHex(v.stringValue().substring(2));
        }
        if (type.equals("address")) {
            return word(new BigInteger(v.stringValue().substring(2), 16));
        }
        if (type.startsWith("uint")) {
            return word(v.isString() ? new BigInteger(v.stringValue()) : v.bigIntegerValue());
        }
        throw new IllegalArgumentException("the test encoder does not know " + type);
    }

    private static byte[] word(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, out, 32 - len, len);
        return out;
    }
}
