package dev.modelfactory.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void findsReferenceAndCpuRankedHighestFirst() {
        List<Backends.Entry> all = Backends.all();
        assertThat(all).extracting(Backends.Entry::name).containsSubsequence("missing-driver", "cpu", "reference");
        assertThat(all).allSatisfy(e -> assertThat(e.availability().reason()).isNotBlank());
        try (Backend best = Backends.best()) {
            assertThat(best.name()).isEqualTo(Backends.available().getFirst().name());
        }
    }

    @Test
    void propertyOverridesTheChoice() {
        System.setProperty(Backends.PROPERTY, "Reference");
        try (Backend b = Backends.best()) {
            assertThat(b.name()).isEqualTo("reference");
        }
    }

    @Test
    void aProviderWhoseDriverIsMissingIsListedUnavailableWithTheReason() {
        Backends.Entry missing = Backends.all().stream().filter(e -> e.name().equals("missing-driver")).findFirst()
                .orElseThrow();
        assertThat(missing.availability().available()).isFalse();
        assertThat(missing.availability().reason()).contains("libcuda.so.1");
        assertThat(Backends.available()).extracting(Backends.Entry::name).doesNotContain("missing-driver");
        try (Backend best = Backends.best()) {
            assertThat(best.name()).isEqualTo("cpu");
        }
        System.setProperty(Backends.PROPERTY, "missing-driver");
        assertThatThrownBy(Backends::best).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backend 'missing-driver' is not available").hasMessageContaining("libcuda.so.1")
                .hasMessageContaining("cpu (available)");
    }

    @Test
    void unknownNameListsTheChoices() {
        System.setProperty(Backends.PROPERTY, "tpu");
        assertThatThrownBy(Backends::best).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'tpu'").hasMessageContaining("cpu (available)")
                .hasMessageContaining("reference (available)");
    }
}
