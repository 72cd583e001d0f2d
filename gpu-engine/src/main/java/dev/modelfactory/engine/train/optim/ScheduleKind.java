package dev.modelfactory.engine.train.optim;

import java.util.Locale;

/** The learning-rate curve after warmup (Transformers' {@code SchedulerType} names). */
public enum ScheduleKind {
    CONSTANT, LINEAR, COSINE;

    /** {@code constant}, {@code linear}, {@code cosine} (case-insensitive). */
    public static ScheduleKind parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule '" + text + "' (expected constant, linear or cosine)");
        }
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
