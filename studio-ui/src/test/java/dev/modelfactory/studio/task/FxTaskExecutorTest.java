package dev.modelfactory.studio.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskExecutorTest {

    @Test
    void workSubmittedAfterShutdownIsDroppedAsCancelledNotThrown() {
        FxTaskExecutor executor = new FxTaskExecutor(1, new TaskRegistry(), (task, failure) -> { });
        executor.shutdown();
        AtomicBoolean ran = new AtomicBoolean();
        BackgroundTask<Integer> late = BackgroundTask.of("Measure training speed", ctx -> {
            ran.set(true);
            return 1;
        });
        // a page's debounce timer firing after the studio closed used to throw RejectedExecutionException
        assertThatCode(() -> executor.execute(late)).doesNotThrowAnyException();
        assertThat(late.isCancelRequested()).isTrue();
        assertThat(ran).isFalse();
    }
}
