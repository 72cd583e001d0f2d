package dev.modelfactory.studio.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.store.run.MetricPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PointCoalescerTest {

    @Test
    void deliversEveryPointInOrderInBatchesAndNothingTwice() throws Exception {
        List<List<PointCoalescer.RunPoint>> batches = new CopyOnWriteArrayList<>();
        // an interval far longer than the test: only flushNow delivers, so the batching is deterministic
        try (PointCoalescer c = new PointCoalescer(3_600_000, Runnable::run, batches::add)) {
            c.flushNow(); // sets the last flush to now: the timer now waits an hour
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    c.add(1, MetricPoint.eval(i, 0, i, 1.0), 5_000);
                }
            });
            producer.start();
            producer.join();
            assertThat(batches).isEmpty();
            c.flushNow();
            c.flushNow();
        }
        assertThat(batches).hasSize(1);
        List<Long> steps = new ArrayList<>();
        batches.forEach(b -> b.forEach(p -> steps.add(p.point().step())));
        assertThat(steps).hasSize(5_000).isSorted().doesNotHaveDuplicates();
    }
}
