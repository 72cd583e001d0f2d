package dev.modelfactory.studio.training;

/** A started run: pause holds it between steps, stop ends it keeping a final checkpoint and its adapter. */
public interface RunControl {

    long runId();

    int totalSteps();

    void pause();

    void resume();

    void stop();
}
