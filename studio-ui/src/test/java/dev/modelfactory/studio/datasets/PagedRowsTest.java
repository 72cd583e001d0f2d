package dev.modelfactory.studio.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.SourceRef;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The paged row source: fetches a page once, on the fetcher, newest request first; keeps a bounded cache. */
class PagedRowsTest {

    private final List<Long> offsets = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    /** Rows whose id is their position: what a store in import order returns. */
    private List<DatasetRow> load(long offset, int limit, long size) {
        offsets.add(offset);
        List<DatasetRow> out = new ArrayList<>();
        for (long i = offset; i < Math.min(size, offset + limit); i++) {
            out.add(row(i));
        }
        return out;
    }

    static DatasetRow row(long id) {
        return new DatasetRow(id, 1, "h" + id, "n" + id, Conversation.ofText("row " + id), null, null,
                Set.of(Use.TRAIN), null, RowStatus.PENDING, new SourceRef("f.jsonl", id + 1, id + 1), null);
    }

    @Test
    void answersAtOnceAndFillsTheWholePageFromOneFetch() {
        PagedRows rows = new PagedRows(1_000_000, (o, l) -> load(o, l, 1_000_000), Runnable::run, Runnable::run,
                errors::add);

        assertThat(rows).hasSize(1_000_000);
        RowRef ref = rows.get(450);
        assertThat(ref.index()).isEqualTo(450);
        assertThat(ref.row().id()).isEqualTo(450);
        assertThat(rows.get(599).row().id()).isEqualTo(599);
        assertThat(rows.get(400).row().id()).isEqualTo(400);
        assertThat(offsets).containsExactly(400L);
        assertThat(rows.get(999_999).row().id()).isEqualTo(999_999);
        assertThat(offsets).containsExactly(400L, 999_800L);
        assertThat(errors).isEmpty();
    }

    @Test
    void keepsAtMostMaxPagesAndFetchesAnEvictedPageAgain() {
        PagedRows rows = new PagedRows(1_000_000, (o, l) -> load(o, l, 1_000_000), Runnable::run, Runnable::run,
                errors::add);

        for (int page = 0; page < PagedRows.MAX_PAGES * 3; page++) {
            rows.get(page * PagedRows.PAGE_SIZE);
        }

        assertThat(rows.pagesInMemory()).isEqualTo(PagedRows.MAX_PAGES);
        assertThat(rows.loaded(0)).as("the oldest page left memory").isNull();
        assertThat(rows.get(0).row().id()).isZero();
        assertThat(offsets).hasSize(PagedRows.MAX_PAGES * 3 + 1);
    }

    @Test
    void aRowStaysLoadingUntilItsPageIsDeliveredAndTheNewestRequestIsFetchedFirst() {
        Deque<Runnable> fetcher = new ArrayDeque<>();
        Deque<Runnable> delivery = new ArrayDeque<>();
        Executor queueFetch = fetcher::add;
        Executor queueDeliver = delivery::add;
        PagedRows rows = new PagedRows(10_000, (o, l) -> load(o, l, 10_000), queueFetch, queueDeliver, errors::add);
        boolean[] first = new boolean[1];
        rows.onFirstPage(() -> first[0] = true);

        RowRef a = rows.get(0);
        RowRef b = rows.get(5_000);
        RowRef c = rows.get(9_999);
        assertThat(a.row()).isNull();
        assertThat(fetcher).as("one drain job serves every request").hasSize(1);
        fetcher.poll().run();

        assertThat(offsets).containsExactly(9_800L, 5_000L, 0L);
        assertThat(c.row()).as("fetched but not delivered yet").isNull();
        while (!delivery.isEmpty()) {
            delivery.poll().run();
        }
        assertThat(a.row().id()).isZero();
        assertThat(b.row().id()).isEqualTo(5_000);
        assertThat(c.row().id()).isEqualTo(9_999);
        assertThat(first[0]).isTrue();
    }

    @Test
    void aKnownFirstPageNeedsNoFetchAndRefreshRefillsTheSameRefs() {
        List<DatasetRow> firstPage = load(0, PagedRows.PAGE_SIZE, 300);
        offsets.clear();
        PagedRows rows = new PagedRows(300, firstPage, (o, l) -> load(o, l, 300), Runnable::run, Runnable::run,
                errors::add);

        RowRef ref = rows.get(10);
        assertThat(ref.row().id()).isEqualTo(10);
        assertThat(offsets).isEmpty();
        rows.refresh();
        assertThat(offsets).containsExactly(0L);
        assertThat(rows.get(10)).isSameAs(ref);
        assertThat(rows.get(299).row().id()).isEqualTo(299);
    }

    @Test
    void aFailingFetchGoesToTheErrorsAndCanBeAskedAgain() {
        int[] calls = new int[1];
        PagedRows rows = new PagedRows(500, (o, l) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("database closed");
            }
            return load(o, l, 500);
        }, Runnable::run, Runnable::run, errors::add);

        assertThat(rows.get(3).row()).isNull();
        assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("database closed");
        rows.refresh();
        assertThat(rows.get(3).row().id()).isEqualTo(3);
        assertThatThrownBy(() -> rows.get(500)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
