package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.store.dataset.CategoryCount;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the contributor and tag filters offer: the chosen dataset's contributors and tags, most rows first
 * (at most {@link #LIMIT} of each; rows without one are left out, since "any" covers them). Read in the
 * background when a dataset is chosen and after each change; a late answer for an older request is dropped.
 * Delivery thread only.
 */
public final class FilterChoices {

    /** Contributors and tags offered at most (a grouped scan of the rows answers both). */
    static final int LIMIT = 500;

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final ObservableList<String> contributors = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private long asked;

    FilterChoices(DatasetCatalog catalog, TaskSubmitter tasks) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tasks = tasks;
    }

    /** Reads the contributors and tags of {@code dataset} (null: none). */
    void load(DatasetSummary dataset) {
        long mine = ++asked;
        if (dataset == null) {
            contributors.clear();
            tags.clear();
            return;
        }
        tasks.submit("Read the contributors and tags of " + dataset.name(), ctx -> List.of(
                names(catalog.rowsPerContributor(dataset.id(), RowFilter.ALL, LIMIT)),
                names(catalog.rowsPerTag(dataset.id(), RowFilter.ALL, LIMIT))), lists -> {
            if (mine == asked) {
                contributors.setAll(lists.get(0));
                tags.setAll(lists.get(1));
            }
        });
    }

    private static List<String> names(List<CategoryCount> counts) {
        return counts.stream().map(CategoryCount::name).filter(Objects::nonNull).toList();
    }

    /** The dataset's contributors, most rows first. */
    public ObservableList<String> contributors() {
        return contributors;
    }

    /** The dataset's tags, most rows first. */
    public ObservableList<String> tags() {
        return tags;
    }
}
