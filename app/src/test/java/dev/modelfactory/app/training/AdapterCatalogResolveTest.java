package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an adapter reference picks among a workspace's adapters: run ids, hash prefixes, and the cases between. */
class AdapterCatalogResolveTest {

    private static final String RUN_7 = "a1b2c3" + "0".repeat(58);
    private static final String RUN_123456 = "ffee00" + "1".repeat(58);
    private static final String DIGITS = "1234567" + "2".repeat(57);
    private static final String DIGITS_TOO = "1234568" + "3".repeat(57);

    private static AdapterCatalog.Entry run(long id, String hash) {
        return new AdapterCatalog.Entry(hash, Path.of("runs", Long.toString(id), "adapter"), id, "base", "run " + id);
    }

    private static AdapterCatalog.Entry imported(String hash) {
        return new AdapterCatalog.Entry(hash, Path.of("adapters", hash), 0, "base", "imported");
    }

    private final List<AdapterCatalog.Entry> all = List.of(run(7, RUN_7), run(123456, RUN_123456), imported(DIGITS),
            imported(DIGITS_TOO), imported(RUN_7));

    @Test
    void aRunIdOrRunPrefixNamesThatRunsAdapter() {
        assertThat(AdapterCatalog.resolve("7", all).runId()).isEqualTo(7);
        assertThat(AdapterCatalog.resolve("run:7", all).runId()).isEqualTo(7);
        assertThat(AdapterCatalog.resolve("run:123456", all).hash()).isEqualTo(RUN_123456);
    }

    @Test
    void aHashPrefixOfSixOrMoreCharactersNamesTheAdapterAndTheSameContentTwiceIsOne() {
        assertThat(AdapterCatalog.resolve("1234567", all).hash()).isEqualTo(DIGITS);
        // run 7's adapter was also imported: one content, so not ambiguous
        assertThat(AdapterCatalog.resolve("a1b2c3", all).hash()).isEqualTo(RUN_7);
    }

    @Test
    void aNumberThatIsBothARunAndAnotherAdaptersHashPrefixIsRefusedNotGuessed() {
        List<AdapterCatalog.Entry> clash = List.of(run(123456, RUN_123456), imported(DIGITS));
        assertThatThrownBy(() -> AdapterCatalog.resolve("123456", clash)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("run:123456").hasMessageContaining("more hash characters");
        assertThat(AdapterCatalog.resolve("run:123456", clash).hash()).isEqualTo(RUN_123456);
        assertThat(AdapterCatalog.resolve("1234567", clash).hash()).isEqualTo(DIGITS);
    }

    @Test
    void aShortOrSharedPrefixAndAMissingRunAreClearErrors() {
        assertThatThrownBy(() -> AdapterCatalog.resolve("123456", all)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("run:123456");
        assertThatThrownBy(() -> AdapterCatalog.resolve("123456", List.of(imported(DIGITS), imported(DIGITS_TOO))))
                .isInstanceOf(TrainingInputException.class).hasMessageContaining("matches 2 adapters");
        assertThatThrownBy(() -> AdapterCatalog.resolve("run:8", all)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("no run 8");
        assertThatThrownBy(() -> AdapterCatalog.resolve("abc", all)).isInstanceOf(TrainingInputException.class)
                .hasMessageContaining("neither a PEFT folder");
    }
}
