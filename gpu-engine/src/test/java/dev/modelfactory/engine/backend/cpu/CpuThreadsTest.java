package dev.modelfactory.engine.backend.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pool's two splits: every index once, chunk bounds on the grain, and a slowed thread's chunks taken over. */
class CpuThreadsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void bothSplitsRunEveryIndexExactlyOnceInChunksAlignedToTheGrain(int threads) {
        try (CpuThreads pool = new CpuThreads(threads, 0, 5)) {
            for (int n : new int[] {0, 1, 3, 4, 7, 64, 97, 1000}) {
                for (int grain : new int[] {1, 4, 64}) {
                    for (boolean balanced : new boolean[] {false, true}) {
                        AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(n, 1));
                        List<int[]> ranges = java.util.Collections.synchronizedList(new ArrayList<>());
                        CpuThreads.RangeBody body = (from, to) -> {
                            ranges.add(new int[] {from, to});
                            for (int i = from; i < to; i++) {
                                seen.incrementAndGet(i);
                            }
                        };
                        if (balanced) {
                            pool.parallelForBalanced(n, grain, body);
                        } else {
                            pool.parallelFor(n, grain, body);
                        }
                        for (int i = 0; i < n; i++) {
                            assertThat(seen.get(i)).as("n %d grain %d balanced %s index %d", n, grain, balanced, i).isEqualTo(1);
                        }
                        int units = (n + grain - 1) / grain;
                        int most = balanced ? threads * 5 : threads;
                        assertThat(ranges).as("n %d grain %d balanced %s", n, grain, balanced).hasSizeLessThanOrEqualTo(Math.min(units, most))
                                .allSatisfy(r -> {
                                    assertThat(r[0] % grain).isZero();
                                    assertThat(r[1] % grain == 0 || r[1] == n).isTrue();
                                });
                    }
                }
            }
        }
    }

    @Test
    void aThreadHeldInsideItsFirstChunkLeavesTheRestToTheOthers() throws Exception {
        // 16 one-index chunks; the first one started is held until the 15 others have run. With one fixed share
        // per thread the held thread's other indices could never run, so this only ends if they were taken over.
        int n = 16;
        try (CpuThreads pool = new CpuThreads(2, 0, 8)) {
            CountDownLatch others = new CountDownLatch(n - 1);
            AtomicBoolean held = new AtomicBoolean();
            AtomicBoolean timedOut = new AtomicBoolean();
            pool.parallelForBalanced(n, 1, (from, to) -> {
                if (held.compareAndSet(false, true)) {
                    try {
                        timedOut.set(!others.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                } else {
                    others.countDown();
                }
            });
            assertThat(timedOut).as("the other thread took the held thread's chunks").isFalse();
        }
    }

    @Test
    void chunksPerThreadMustBePositive() {
        assertThatThrownBy(() -> new CpuThreads(2, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunks per thread");
    }
}
