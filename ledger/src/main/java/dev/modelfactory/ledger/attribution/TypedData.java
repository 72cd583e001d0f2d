package dev.modelfactory.ledger.attribution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.StructuredDataEncoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * EIP-712 typed data in the JSON form of {@code eth_signTypedData_v4}:
 * {@code {"types": {"EIP712Domain": [...], ...}, "primaryType": ..., "domain": {...}, "message": {...}}}.
 *
 * <p>The domain is limited to {@code name}, {@code version}, {@code chainId} and {@code verifyingContract}
 * with their standard types. Anything else ({@code salt}, custom fields, a value without a declared field or
 * the reverse) is refused with the field named: web3j's encoder has a fixed domain class and would silently
 * drop an extra field, giving a digest (and a signature) that MetaMask would not give.
 *
 * <p>{@link #digest()} is {@code keccak256(0x19 0x01 || domainSeparator || hashStruct(message))}, computed by
 * web3j's {@code StructuredDataEncoder} after the checks here. Immutable; {@link #toJson()} writes the
 * canonical compact form (types, primaryType, domain, message, members in declaration order as given).
 */
public final class TypedData {

    /** The domain members allowed, with the only type each may have. */
    public static final Map<String, String> DOMAIN_FIELDS = orderedMap(
            "name", "string", "version", "string", "chainId", "uint256", "verifyingContract", "address");

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern ARRAY = Pattern.compile("(.+)\\[(\\d*)]");
    private static final Pattern UINT = Pattern.compile("u?int(\\d+)");
    private static final Pattern BYTES_N = Pattern.compile("bytes(\\d+)");

    private final Map<String, List<Eip712Field>> types;
    private final String primaryType;
    private final ObjectNode domain;
    private final ObjectNode message;
    private final String json;

    private TypedData(Map<String, List<Eip712Field>> types, String primaryType, ObjectNode domain, ObjectNode message) {
        this.types = types;
        this.primaryType = primaryType;
        this.domain = domain;
        this.message = message;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode t = root.putObject("types");
        types.forEach((name, fields) -> {
            ArrayNode a = t.putArray(name);
            fields.forEach(f -> a.addObject().put("name", f.name()).put("type", f.type()));
        });
        root.put("primaryType", primaryType);
        root.set("domain", domain);
        root.set("message", message);
        this.json = JSON.writeValueAsString(root);
    }

    /**
     * Reads {@code eth_signTypedData_v4} JSON.
     *
     * @throws TypedDataException naming the field that is malformed or not allowed
     */
    public static TypedData parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new TypedDataException("typed data is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TypedDataException("typed data is a JSON object with types, primaryType, domain and message");
        }
        for (String key : root.propertyNames()) {
            if (!Set.of("types", "primaryType", "domain", "message").contains(key)) {
                throw new TypedDataException("typed data has an unknown top-level field '" + key + "'");
            }
        }
        JsonNode typesNode = root.path("types");
        if (!typesNode.isObject()) {
            throw new TypedDataException("typed data field 'types' is missing or not an object");
        }
        Map<String, List<Eip712Field>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : typesNode.properties()) {
            if (!e.getValue().isArray()) {
                throw new TypedDataException("typed data field 'types." + e.getKey() + "' is not an array");
            }
            List<Eip712Field> fields = new ArrayList<>();
            int i = 0;
            for (JsonNode f : e.getValue()) {
                String where = "types." + e.getKey() + "[" + i++ + "]";
                if (!f.path("name").isString() || !f.path("type").isString()) {
                    throw new TypedDataException("typed data field '" + where + "' needs a string name and type");
                }
                fields.add(new Eip712Field(f.path("name").stringValue(), f.path("type").stringValue()));
            }
            types.put(e.getKey(), fields);
        }
        JsonNode primary = root.path("primaryType");
        if (!primary.isString()) {
            throw new TypedDataException("typed data field 'primaryType' is missing or not a string");
        }
        if (!root.path("domain").isObject()) {
            throw new TypedDataException("typed data field 'domain' is missing or not an object");
        }
        if (!root.path("message").isObject()) {
            throw new TypedDataException("typed data field 'message' is missing or not an object");
        }
        return checked(types, primary.stringValue(), (ObjectNode) root.path("domain"), (ObjectNode) root.path("message"));
    }

    /**
     * Builds typed data from its parts; the {@code EIP712Domain} type is derived from the domain's members.
     *
     * @param structTypes the struct types of the message (without {@code EIP712Domain})
     */
    public static TypedData of(Eip712Domain domain, String primaryType, Map<String, List<Eip712Field>> structTypes,
                               ObjectNode message) {
        Map<String, List<Eip712Field>> types = new LinkedHashMap<>();
        types.put("EIP712Domain", domain.typeFields());
        types.putAll(structTypes);
        return checked(types, primaryType, domain.toJson(), message.deepCopy());
    }

    private static TypedData checked(Map<String, List<Eip712Field>> types, String primaryType, ObjectNode domain,
                                     ObjectNode message) {
        checkDomain(types.get("EIP712Domain"), domain);
        for (Map.Entry<String, List<Eip712Field>> e : types.entrySet()) {
            if (!IDENT.matcher(e.getKey()).matches()) {
                throw new TypedDataException("typed data type name '" + e.getKey() + "' is not an identifier");
            }
            for (Eip712Field f : e.getValue()) {
                if (!IDENT.matcher(f.name()).matches()) {
                    throw new TypedDataException("typed data field 'types." + e.getKey() + "." + f.name() + "' is not an identifier");
                }
                if (!knownType(f.type(), types)) {
                    throw new TypedDataException("typed data field 'types." + e.getKey() + "." + f.name()
                            + "' has an unknown type '" + f.type() + "'");
                }
            }
        }
        if (!types.containsKey(primaryType) || "EIP712Domain".equals(primaryType)) {
            throw new TypedDataException("typed data field 'primaryType': '" + primaryType + "' is not a declared struct type");
        }
        checkValues(types, primaryType, message, "message");
        TypedData data = new TypedData(Collections.unmodifiableMap(types), primaryType, domain, message);
        data.digest(); // let the encoder reject values that do not fit their types, now rather than at signing
        return data;
    }

    private static void checkDomain(List<Eip712Field> declared, ObjectNode domain) {
        if (declared == null) {
            throw new TypedDataException("typed data field 'types.EIP712Domain' is missing");
        }
        for (Eip712Field f : declared) {
            String expected = DOMAIN_FIELDS.get(f.name());
            if (expected == null) {
                throw new TypedDataException("domain field '" + f.name() + "' is not supported: only name, version, chainId"
                        + " and verifyingContract are (web3j and this wallet would sign it differently from MetaMask)");
            }
            if (!expected.equals(f.type())) {
                throw new TypedDataException("domain field '" + f.name() + "' must have type " + expected + ", not " + f.type());
            }
            if (!domain.has(f.name()) || domain.get(f.name()).isNull()) {
                throw new TypedDataException("domain field '" + f.name() + "' is declared in types.EIP712Domain but has no value");
            }
        }
        for (String key : domain.propertyNames()) {
            if (declared.stream().noneMatch(f -> f.name().equals(key))) {
                throw new TypedDataException("domain field '" + key + "' is not declared in types.EIP712Domain"
                        + (DOMAIN_FIELDS.containsKey(key) ? "" : " (and only name, version, chainId and verifyingContract are supported)"));
            }
        }
    }

    /**
     * Every declared member has a value, structs are objects and arrays are arrays of the declared length.
     * Stricter than MetaMask, which hashes a missing struct as 32 zero bytes: web3j does not do the same, so
     * such input is refused rather than signed differently.
     */
    private static void checkValues(Map<String, List<Eip712Field>> types, String type, JsonNode value, String path) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            if (!value.isArray()) {
                throw new TypedDataException("typed data field '" + path + "' must be an array (" + type + ")");
            }
            if (!array.group(2).isEmpty() && value.size() != Integer.parseInt(array.group(2))) {
                throw new TypedDataException("typed data field '" + path + "' must have " + array.group(2) + " elements");
            }
            int i = 0;
            for (JsonNode v : value) {
                checkValues(types, array.group(1), v, path + "[" + i++ + "]");
            }
            return;
        }
        List<Eip712Field> fields = types.get(type);
        if (fields == null) {
            if (value.isNull() || value.isMissingNode() || value.isContainer()) {
                throw new TypedDataException("typed data field '" + path + "' has no " + type + " value");
            }
            return;
        }
        if (!value.isObject()) {
            throw new TypedDataException("typed data field '" + path + "' must be an object (" + type + ")");
        }
        for (Eip712Field f : fields) {
            checkValues(types, f.type(), value.path(f.name()), path + "." + f.name());
        }
    }

    private static boolean knownType(String type, Map<String, List<Eip712Field>> types) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            return knownType(array.group(1), types);
        }
        if (types.containsKey(type)) {
            return !"EIP712Domain".equals(type);
        }
        switch (type) {
            case "address", "bool", "string", "bytes" -> {
                return true;
            }
            default -> {
            }
        }
        Matcher m = UINT.matcher(type);
        if (m.matches()) {
            int bits = Integer.parseInt(m.group(1));
            return bits >= 8 && bits <= 256 && bits % 8 == 0;
        }
        Matcher b = BYTES_N.matcher(type);
        if (b.matches()) {
            int n = Integer.parseInt(b.group(1));
            return n >= 1 && n <= 32;
        }
        return false;
    }

    /** The 32-byte EIP-712 digest that is signed: {@code keccak256(0x1901 || domainSeparator || hashStruct(message))}. */
    public byte[] digest() {
        try {
            return new StructuredDataEncoder(json).hashStructuredData();
        } catch (java.io.IOException | RuntimeException e) {
            throw new TypedDataException("cannot encode typed data: " + e.getMessage(), e);
        }
    }

    /** {@code hashStruct(domain)}, the domain separator. */
    public byte[] domainSeparator() {
        try {
            return new StructuredDataEncoder(json).hashDomain();
        } catch (java.io.IOException | RuntimeException e) {
            throw new TypedDataException("cannot encode typed data domain: " + e.getMessage(), e);
        }
    }

    /** The declared types, {@code EIP712Domain} first when built with {@link #of}. */
    public Map<String, List<Eip712Field>> types() {
        return types;
    }

    public String primaryType() {
        return primaryType;
    }

    /** A copy of the domain object. */
    public ObjectNode domain() {
        return domain.deepCopy();
    }

    /** A copy of the message object. */
    public ObjectNode message() {
        return message.deepCopy();
    }

    /** The canonical compact JSON (what is stored in the ledger and exported in bundles). */
    public String toJson() {
        return json;
    }

    /** The decoded fields for the signing dialog: the domain's, then the message's in type order. */
    public List<DisplayField> displayFields() {
        List<DisplayField> out = new ArrayList<>();
        flatten("domain", "EIP712Domain", domain, out);
        flatten("message", primaryType, message, out);
        return out;
    }

    private void flatten(String path, String type, JsonNode value, List<DisplayField> out) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            int i = 0;
            for (JsonNode v : value) {
                flatten(path + "[" + i++ + "]", array.group(1), v, out);
            }
            if (i == 0) {
                out.add(new DisplayField(path, type, "(empty)"));
            }
            return;
        }
        List<Eip712Field> fields = types.get(type);
        if (fields != null) {
            for (Eip712Field f : fields) {
                flatten(path + "." + f.name(), f.type(), value.path(f.name()), out);
            }
            return;
        }
        out.add(new DisplayField(path, type, value.isString() ? value.stringValue() : value.toString()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypedData t && t.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "TypedData[" + primaryType + "]";
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
