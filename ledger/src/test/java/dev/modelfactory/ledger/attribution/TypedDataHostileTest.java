package dev.modelfactory.ledger.attribution;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Hostile typed data fails with a TypedDataException, never with an Error or another exception. */
class TypedDataHostileTest {

    private static final String DOMAIN = "\"EIP712Domain\":[{\"name\":\"name\",\"type\":\"string\"}]";

    @Test
    void selfReferencingTypeWithMissingValuesIsRefused() {
        String json = "{\"types\":{" + DOMAIN + ",\"P\":[{\"name\":\"m\",\"type\":\"P\"}]},\"primaryType\":\"P\","
                + "\"domain\":{\"name\":\"x\"},\"message\":{}}";
        assertThatThrownBy(() -> TypedData.parse(json)).isInstanceOf(TypedDataException.class)
                .hasMessageContaining("message.m");
    }

    @Test
    void missingMemberAndWrongArrayShapeAreRefusedByPath() {
        String mail = TypedDataMailTest.MAIL;
        assertThatThrownBy(() -> TypedData.parse(mail.replace("\"name\":\"Bob\",", "")))
                .isInstanceOf(TypedDataException.class).hasMessageContaining("message.to.name");
        assertThatThrownBy(() -> TypedData.parse(MetaMaskV4VectorTest.V4.replace("\"to\":[{", "\"to\":{\"x\":[{").replace("}],\n", "}]},\n")))
                .isInstanceOf(TypedDataException.class);
    }

    @Test
    void wrongValueTypesAreRefused() {
        String json = "{\"types\":{" + DOMAIN + ",\"P\":[{\"name\":\"n\",\"type\":\"uint8\"},{\"name\":\"a\",\"type\":\"address\"}]},"
                + "\"primaryType\":\"P\",\"domain\":{\"name\":\"x\"},\"message\":{\"n\":\"zz\",\"a\":42}}";
        assertThatThrownBy(() -> TypedData.parse(json)).isInstanceOf(TypedDataException.class);
    }
}
