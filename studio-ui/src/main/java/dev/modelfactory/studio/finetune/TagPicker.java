package dev.modelfactory.studio.finetune;

import java.util.List;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;

/**
 * The curation tags a run keeps a loss curve for (besides its contributors): a menu of the chosen version's
 * tags, most rows first, each one checkable, at most {@link #MAX} at once (the engine's limit). The button
 * names what is checked; with no tags in the version it says so and is disabled.
 */
final class TagPicker {

    /** As many tags as a run may track (the training service refuses more). */
    static final int MAX = 12;

    private final MenuButton button = new MenuButton();

    TagPicker() {
        button.setId("finetune-track-tags");
        button.setMaxWidth(Double.MAX_VALUE);
        offer(List.of());
    }

    MenuButton node() {
        return button;
    }

    /** Offers {@code tags}, keeping those already checked that are still there. */
    void offer(List<String> tags) {
        List<String> kept = checked().stream().filter(tags::contains).toList();
        button.getItems().clear();
        for (String t : tags) {
            CheckMenuItem item = new CheckMenuItem(t);
            item.setSelected(kept.contains(t));
            item.selectedProperty().addListener((o, a, b) -> update());
            button.getItems().add(item);
        }
        button.setDisable(tags.isEmpty());
        update();
    }

    /** The checked tags, in the order offered. */
    List<String> checked() {
        return button.getItems().stream().filter(i -> i instanceof CheckMenuItem c && c.isSelected())
                .map(i -> i.getText()).toList();
    }

    private void update() {
        List<String> on = checked();
        for (var i : button.getItems()) {
            // at the limit, the unchecked ones wait until one is unchecked
            i.setDisable(on.size() >= MAX && !((CheckMenuItem) i).isSelected());
        }
        button.setText(button.getItems().isEmpty() ? "No tags in this version"
                : on.isEmpty() ? "None (per contributor only)"
                : on.size() <= 3 ? String.join(", ", on)
                : on.size() + " tags: " + String.join(", ", on.subList(0, 3)) + ", \u2026");
    }
}
