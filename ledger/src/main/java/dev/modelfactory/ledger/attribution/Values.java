package dev.modelfactory.ledger.attribution;

import dev.modelfactory.ledger.wallet.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reading and normalising record member values, with errors that name the member. */
final class Values {

    private static final Pattern HEX64 = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    static final String ZERO32 = "0x" + "0".repeat(64);

    private Values() {
    }

    /** {@code 0x} + 64 lowercase hex digits from a 64-digit hash with or without {@code 0x}. */
    static String bytes32(String member, String value) {
        if (value == null || !HEX64.matcher(value).matches()) {
            throw new TypedDataException("record member '" + member + "' must be 32 bytes (64 hex digits), got '" + value + "'");
        }
        return "0x" + value.substring(value.length() - 64).toLowerCase(Locale.ROOT);
    }

    static String address(String member, String value) {
        try {
            return Addresses.checksum(value);
        } catch (IllegalArgumentException e) {
            throw new TypedDataException("record member '" + member + "': " + e.getMessage());
        }
    }

    static String text(String member, String value) {
        if (value == null) {
            throw new TypedDataException("record member '" + member + "' is missing");
        }
        return value;
    }

    static String string(JsonNode message, String member) {
        JsonNode v = message.path(member);
        if (!v.isString()) {
            throw new TypedDataException("record member '" + member + "' is missing or not a string");
        }
        return v.stringValue();
    }

    static long uint(JsonNode message, String member) {
        JsonNode v = message.path(member);
        try {
            long n = v.isString() ? Long.parseLong(v.stringValue()) : v.isIntegralNumber() && v.canConvertToLong() ? v.longValue() : -1;
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TypedDataException("record member '" + member + "' is missing or not a non-negative integer");
        }
    }

    static List<String> strings(JsonNode message, String member) {
        JsonNode v = message.path(member);
        if (!v.isArray()) {
            throw new TypedDataException("record member '" + member + "' is missing or not an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw new TypedDataException("record member '" + member + "' holds a non-string");
            }
            out.add(e.stringValue());
        }
        return out;
    }
}
