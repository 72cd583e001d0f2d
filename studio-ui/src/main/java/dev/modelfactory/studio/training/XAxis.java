package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;

/** What the charts' x axis counts. */
public enum XAxis {
    STEP("Step"), EPOCH("Epoch"), WALL_TIME("Wall time (s)");

    private final String label;

    XAxis(String label) {
        this.label = label;
    }

    public double of(MetricPoint p) {
        return switch (this) {
            case STEP -> p.step();
            case EPOCH -> p.epoch();
            case WALL_TIME -> p.elapsedMillis() / 1000.0;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
