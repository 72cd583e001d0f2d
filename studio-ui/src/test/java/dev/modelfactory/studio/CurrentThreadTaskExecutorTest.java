package dev.modelfactory.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.studio.task.BackgroundTask;
import dev.modelfactory.studio.task.CurrentThreadTaskExecutor;
import dev.modelfactory.studio.task.TaskRegistry;
import dev.modelfactory.studio.task.TaskState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CurrentThreadTaskExecutorTest {

    @Test
    void runsATaskToCompletionInline() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        List<Double> progress = new ArrayList<>();
        AtomicReference<Integer> result = new AtomicReference<>();
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        BackgroundTask<Integer> task = BackgroundTask.of("Count", context -> {
            ranOn.set(Thread.currentThread());
            for (int i = 1; i <= 4; i++) {
                context.updateProgress(i, 4);
                context.updateMessage("step " + i);
            }
            return 42;
        }).onSuccess(result::set);
        task.progressProperty().addListener((obs, old, now) -> progress.add(now.doubleValue()));
        task.runOn(executor);

        assertThat(ranOn.get()).isSameAs(caller);
        assertThat(result.get()).isEqualTo(42);
        assertThat(task.getState()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(task.getResult()).isEqualTo(42);
        assertThat(task.getMessage()).isEqualTo("step 4");
        assertThat(progress).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(executor.registry().tasks()).containsExactly(task);
        assertThat(executor.registry().activeCount().get()).isZero();
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRuns() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        BackgroundTask<String> task = BackgroundTask.of("Never", context -> {
            throw new AssertionError("must not run");
        });
        task.cancel();
        task.runOn(executor);
        assertThat(task.getState()).isEqualTo(TaskState.CANCELLED);
    }

    @Test
    void workThatThrowsAtACancellationCheckEndsCancelled() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        AtomicReference<BackgroundTask<String>> self = new AtomicReference<>();
        self.set(BackgroundTask.of("Stops", context -> {
            self.get().cancel();
            context.throwIfCancelled();
            return "unreachable";
        }));
        self.get().runOn(executor);
        assertThat(self.get().getState()).isEqualTo(TaskState.CANCELLED);
        assertThat(self.get().getResult()).isNull();
    }

    @Test
    void failuresGoToTheTasksHandlerOrElseTheUnhandledHandler() {
        List<Throwable> unhandled = new ArrayList<>();
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor(new TaskRegistry(),
                (task, failure) -> unhandled.add(failure));
        List<Throwable> handled = new ArrayList<>();

        BackgroundTask.of("Handled", context -> {
            throw new IllegalStateException("one");
        }).onFailure(handled::add).runOn(executor);
        BackgroundTask<Object> orphan = BackgroundTask.of("Orphan", context -> {
            throw new IllegalStateException("two");
        }).runOn(executor);

        assertThat(handled).extracting(Throwable::getMessage).containsExactly("one");
        assertThat(unhandled).extracting(Throwable::getMessage).containsExactly("two");
        assertThat(orphan.getState()).isEqualTo(TaskState.FAILED);
        assertThat(orphan.getFailure()).hasMessage("two");
    }

    @Test
    void theDefaultExecutorFailsLoudlyOnUnhandledFailures() {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        assertThatThrownBy(() -> BackgroundTask.of("Orphan", context -> {
            throw new IllegalStateException("nobody listens");
        }).runOn(executor)).hasRootCauseMessage("nobody listens");
    }
}
