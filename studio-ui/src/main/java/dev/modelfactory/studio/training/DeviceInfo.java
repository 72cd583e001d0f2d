package dev.modelfactory.studio.training;

/** The device runs train on: a one-line description and its memory in bytes (0 when unknown). */
public record DeviceInfo(String description, long memoryBytes) {
}
