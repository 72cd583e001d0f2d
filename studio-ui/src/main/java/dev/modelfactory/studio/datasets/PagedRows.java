package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.store.dataset.DatasetRow;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.collections.ObservableListBase;

/**
 * The rows table's items: a list as long as the query's row count whose elements are fetched a page at a
 * time, off the delivery thread, when the table first asks for them. At most {@link #MAX_PAGES} pages are
 * kept (least recently used go first), so a million-row dataset costs a few thousand rows of memory.
 *
 * <p>Shape: {@link #get} answers at once with a {@link RowRef} whose row is null while its page loads;
 * the page is fetched on {@code fetcher} (newest request first, so fast scrolling does not queue up pages
 * that already left the screen) and delivered on {@code delivery} (the FX thread), which fills the refs.
 * The list never changes size: another filter or sort is another {@code PagedRows}. Touch it only on the
 * delivery thread.
 */
public final class PagedRows extends ObservableListBase<RowRef> {

    /** Rows per fetched page. */
    public static final int PAGE_SIZE = 200;
    /** Pages kept in memory. */
    public static final int MAX_PAGES = 40;

    /** Loads rows {@code offset .. offset + limit - 1} of the query; runs on the fetcher thread. */
    @FunctionalInterface
    public interface Loader {
        List<DatasetRow> load(long offset, int limit) throws Exception;
    }

    private final int size;
    private final Loader loader;
    private final Executor fetcher;
    private final Executor delivery;
    private final Consumer<Throwable> errors;
    private final Map<Integer, RowRef[]> pages = new LinkedHashMap<>(MAX_PAGES * 2, 0.75f, true);
    /** Requested pages not fetched yet, newest last; guarded by itself (fetcher and delivery threads). */
    private final Deque<Integer> wanted = new ArrayDeque<>();
    private final Set<Integer> requested = new HashSet<>();
    private boolean draining;
    private int fetches;
    private Runnable onFirstPage = () -> { };
    private boolean firstPageSeen;

    /**
     * @param size   the query's row count (a list holds at most {@link Integer#MAX_VALUE} elements)
     * @param errors receives fetch failures on the delivery thread
     */
    public PagedRows(long size, Loader loader, Executor fetcher, Executor delivery, Consumer<Throwable> errors) {
        this(size, null, loader, fetcher, delivery, errors);
    }

    /**
     * A list whose first page is already known (fetched together with the count, which saves the table a
     * round trip before its first paint); {@code firstPage} null means not known.
     */
    public PagedRows(long size, List<DatasetRow> firstPage, Loader loader, Executor fetcher, Executor delivery,
                     Consumer<Throwable> errors) {
        this.size = (int) Math.min(Integer.MAX_VALUE, Math.max(0, size));
        this.loader = Objects.requireNonNull(loader, "loader");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.errors = Objects.requireNonNull(errors, "errors");
        if (firstPage != null && this.size > 0) {
            RowRef[] refs = newPage(0);
            for (int i = 0; i < refs.length && i < firstPage.size(); i++) {
                refs[i].set(firstPage.get(i));
            }
            pages.put(0, refs);
            firstPageSeen = true;
        }
    }

    /** An empty list (no dataset chosen). */
    public static PagedRows empty() {
        return new PagedRows(0, (o, l) -> List.of(), Runnable::run, Runnable::run, e -> { });
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public RowRef get(int index) {
        Objects.checkIndex(index, size);
        int page = index / PAGE_SIZE;
        RowRef[] refs = pages.get(page);
        if (refs == null) {
            refs = newPage(page);
            pages.put(page, refs);
            evict();
            request(page);
        }
        return refs[index % PAGE_SIZE];
    }

    /** The row at {@code index} if its page is in memory and loaded, else null (never fetches). */
    public DatasetRow loaded(int index) {
        RowRef[] refs = pages.get(index / PAGE_SIZE);
        return refs == null ? null : refs[index % PAGE_SIZE].row();
    }

    /** Runs once, on the delivery thread, when the first page has arrived (or at once if the list is empty). */
    public void onFirstPage(Runnable action) {
        this.onFirstPage = Objects.requireNonNull(action, "action");
        if (size == 0 || firstPageSeen) {
            action.run();
        }
    }

    /** Fetches every page in memory again (after an edit that keeps the count), filling the same refs. */
    public void refresh() {
        for (Integer page : List.copyOf(pages.keySet())) {
            request(page);
        }
    }

    /** Pages in memory; for tests of the memory bound. */
    int pagesInMemory() {
        return pages.size();
    }

    /** Loader calls so far; for tests. */
    int fetches() {
        return fetches;
    }

    private RowRef[] newPage(int page) {
        int first = page * PAGE_SIZE;
        RowRef[] refs = new RowRef[Math.min(PAGE_SIZE, size - first)];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = new RowRef(first + i);
        }
        return refs;
    }

    private void evict() {
        var it = pages.entrySet().iterator();
        while (pages.size() > MAX_PAGES && it.hasNext()) {
            Integer page = it.next().getKey();
            it.remove();
            synchronized (wanted) {
                if (wanted.remove(page)) {
                    requested.remove(page);
                }
            }
        }
    }

    private void request(int page) {
        boolean start;
        synchronized (wanted) {
            if (!requested.add(page)) {
                return;
            }
            wanted.addLast(page);
            start = !draining;
            draining = true;
        }
        if (start) {
            fetcher.execute(this::drain);
        }
    }

    /** On the fetcher: fetches wanted pages, newest first, until none is left. */
    private void drain() {
        while (true) {
            int page;
            synchronized (wanted) {
                if (wanted.isEmpty()) {
                    draining = false;
                    return;
                }
                page = wanted.removeLast();
            }
            try {
                fetches++;
                List<DatasetRow> rows = loader.load((long) page * PAGE_SIZE, PAGE_SIZE);
                delivery.execute(() -> deliver(page, rows));
            } catch (Exception | Error e) {
                synchronized (wanted) {
                    requested.remove(page);
                }
                delivery.execute(() -> errors.accept(e));
            }
        }
    }

    private void deliver(int page, List<DatasetRow> rows) {
        synchronized (wanted) {
            requested.remove(page);
        }
        RowRef[] refs = pages.get(page);
        if (refs != null) {
            for (int i = 0; i < refs.length && i < rows.size(); i++) {
                refs[i].set(rows.get(i));
            }
        }
        if (!firstPageSeen) {
            firstPageSeen = true;
            onFirstPage.run();
        }
    }
}
