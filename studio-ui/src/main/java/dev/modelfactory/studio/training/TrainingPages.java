package dev.modelfactory.studio.training;

import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioServices;
import dev.modelfactory.studio.finetune.FineTunePage;
import java.util.Objects;

/**
 * The two training pages over one backend, sharing one {@link TrainingSession} (created with the first
 * page, from the shell's services): add {@link #fineTune()} then {@link #training()} to the context.
 */
public final class TrainingPages {

    private final TrainingBackend backend;
    private final SaveChooser chooser;
    private TrainingSession session;

    public TrainingPages(TrainingBackend backend, SaveChooser chooser) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
    }

    public static TrainingPages of(TrainingBackend backend) {
        return new TrainingPages(backend, SaveChooser.system());
    }

    public PageFactory fineTune() {
        return services -> new FineTunePage(services, session(services), chooser);
    }

    public PageFactory training() {
        return services -> new TrainingPage(services, session(services), chooser);
    }

    private synchronized TrainingSession session(StudioServices services) {
        if (session == null) {
            session = new TrainingSession(backend, services.executor());
        }
        return session;
    }
}
