package dev.modelfactory.ledger.attribution;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelfactory.ledger.log.BundleException;
import dev.modelfactory.ledger.log.Bundles;

/**
 * Coverage-guided fuzzing of the two parsers that read foreign input: typed data and ledger bundles. Any
 * input parses or fails with {@link TypedDataException} / {@link BundleException}; nothing else may escape
 * (no NullPointerException, no StackOverflowError). {@code JAZZER_FUZZ=1} fuzzes for real; otherwise the
 * seeds below run as regression tests.
 */
class TypedDataFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void typedData(FuzzedDataProvider data) {
        String json = data.consumeBoolean() ? TypedDataMailTest.MAIL : MetaMaskV4VectorTest.V4;
        int at = data.consumeInt(0, json.length() - 1);
        String mutated = json.substring(0, at) + data.consumeString(8) + json.substring(Math.min(json.length(),
                at + data.consumeInt(0, 8)));
        try {
            TypedData.parse(data.consumeBoolean() ? mutated : data.consumeRemainingAsString());
        } catch (TypedDataException expected) {
            // refused with a message: fine
        }
    }

    @FuzzTest(maxDuration = "2m")
    void bundle(String text) {
        if (text == null) {
            return; // Jazzer passes null in regression mode; null is a caller's bug, not foreign input
        }
        try {
            Bundles.verify(text);
        } catch (BundleException expected) {
            // refused with a message: fine
        }
    }
}
