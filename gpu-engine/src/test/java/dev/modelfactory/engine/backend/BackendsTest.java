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
        assertThat(all).extracting(Backends.Entry::name).containsSubsequence("cpu", "reference");
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
    void unknownNameListsTheChoices() {
        System.setProperty(Backends.PROPERTY, "tpu");
        assertThatThrownBy(Backends::best).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown backend 'tpu'").hasMessageContaining("cpu (available)")
                .hasMessageContaining("reference (available)");
    }
}
