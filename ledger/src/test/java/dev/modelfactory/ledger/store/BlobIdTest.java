package dev.modelfactory.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobIdTest {

    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void acceptsLowercaseHexAndLowersUppercase() {
        assertThat(new BlobId(ABC).hex()).isEqualTo(ABC);
        assertThat(new BlobId(ABC.toUpperCase())).isEqualTo(new BlobId(ABC));
    }

    @Test
    void printsAndParsesThePrefixedForm() {
        BlobId id = new BlobId(ABC);
        assertThat(id).hasToString("sha256:" + ABC);
        assertThat(BlobId.parse(id.toString())).isEqualTo(id);
        assertThat(BlobId.parse(ABC)).isEqualTo(id);
    }

    @Test
    void splitsIntoShardFolderAndFileName() {
        BlobId id = new BlobId(ABC);
        assertThat(id.shard()).isEqualTo("ba");
        assertThat(id.fileName()).isEqualTo(ABC.substring(2)).hasSize(62);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad0",
            "za7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            " a7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "../../../../etc/passwd"})
    void rejectsAnythingButSixtyFourHexCharactersNamingTheValue(String bad) {
        assertThatThrownBy(() -> new BlobId(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + bad + "'")
                .hasMessageContaining("64 hex");
    }

    @Test
    void rejectsNullAndWrongDigestLength() {
        assertThatThrownBy(() -> new BlobId(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> BlobId.ofDigest(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31");
    }
}
