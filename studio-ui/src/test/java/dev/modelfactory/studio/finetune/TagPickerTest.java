package dev.modelfactory.studio.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.control.CheckMenuItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** The run's tracked tags: what the menu offers, keeps, names, and the engine's limit. */
@ExtendWith(ApplicationExtension.class)
class TagPickerTest {

    private static void check(TagPicker p, String tag, boolean on) {
        p.node().getItems().stream().filter(i -> i.getText().equals(tag)).map(CheckMenuItem.class::cast).findFirst()
                .orElseThrow().setSelected(on);
    }

    @Test
    void offersTheVersionsTagsNamesTheCheckedOnesAndKeepsThemAcrossVersions(FxRobot robot) {
        robot.interact(() -> {
            TagPicker p = new TagPicker();
            assertThat(p.node().isDisabled()).isTrue();
            assertThat(p.node().getText()).isEqualTo("No tags in this version");

            p.offer(List.of("math", "code", "safety"));
            assertThat(p.node().isDisabled()).isFalse();
            assertThat(p.node().getText()).startsWith("None");
            check(p, "safety", true);
            check(p, "math", true);
            assertThat(p.checked()).containsExactly("math", "safety"); // in the order offered
            assertThat(p.node().getText()).isEqualTo("math, safety");

            // a newer version without "safety": what is still there stays checked
            p.offer(List.of("code", "math", "poetry"));
            assertThat(p.checked()).containsExactly("math");
            p.offer(List.of());
            assertThat(p.checked()).isEmpty();
            assertThat(p.node().isDisabled()).isTrue();
        });
    }

    @Test
    void atTheEnginesLimitTheOtherTagsWaitUntilOneIsUnchecked(FxRobot robot) {
        robot.interact(() -> {
            TagPicker p = new TagPicker();
            List<String> tags = IntStream.range(0, TagPicker.MAX + 2).mapToObj(i -> "t" + i).toList();
            p.offer(tags);
            tags.subList(0, TagPicker.MAX).forEach(t -> check(p, t, true));
            assertThat(p.checked()).hasSize(TagPicker.MAX);
            assertThat(p.node().getItems().get(TagPicker.MAX).isDisable()).isTrue();
            assertThat(p.node().getText()).startsWith(TagPicker.MAX + " tags: t0, t1, t2");
            check(p, "t0", false);
            assertThat(p.node().getItems().get(TagPicker.MAX).isDisable()).isFalse();
        });
    }
}
